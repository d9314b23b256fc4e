namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>The shared local host in process with the role check on ("Authorization:RequireRoles").</summary>
public sealed class RolesRequiredHostFactory : AsyncFunctions.Testing.Hosting.LocalHostFactory
{
    public RolesRequiredHostFactory()
    {
        With("Local:Consumers", "2");
        With("Authorization:RequireRoles", "true");
        With("Logging:LogLevel:Default", "Error");
    }
}
