namespace AsyncFunctions.Infra.Tests.Roles;

/// <summary>
/// One role assignment the deployment creates, read from the compiled template: who (principal id
/// as evaluated), which built-in role (GUID), and the resource it is scoped to.
/// </summary>
public sealed record RoleGrant(
    string Module,
    string PrincipalId,
    string PrincipalType,
    string RoleDefinitionId,
    string ScopeType,
    IReadOnlyList<string> ScopeNames)
{
    public override string ToString() =>
        $"{Module}: {PrincipalId} ({PrincipalType}) role {RoleDefinitionId} on {ScopeType} {string.Join('/', ScopeNames)}";
}
