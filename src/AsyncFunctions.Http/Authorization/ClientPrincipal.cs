namespace AsyncFunctions.Http.Authorization;

/// <summary>The caller as App Service authentication describes it: identity provider, display name if any, and app roles.</summary>
public sealed record ClientPrincipal(string AuthenticationType, string? Name, IReadOnlySet<string> Roles);
