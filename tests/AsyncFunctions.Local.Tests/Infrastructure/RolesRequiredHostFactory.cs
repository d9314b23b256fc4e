namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>The local host with the role check switched on, as "Authorization:RequireRoles" does.</summary>
public sealed class RolesRequiredHostFactory : LocalHostFactory
{
    public RolesRequiredHostFactory()
    {
        With("Authorization:RequireRoles", "true");
    }
}
