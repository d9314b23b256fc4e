namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>
/// One <c>*-access.bicep</c> module call in main.bicep, resolved: who gets which built-in
/// roles (GUIDs), as what principal type, and the resource types the assignments are scoped to.
/// </summary>
public sealed record RoleGrant(
    BicepModule Module,
    string PrincipalIdExpression,
    string PrincipalType,
    IReadOnlySet<string> RoleDefinitionIds,
    IReadOnlySet<string> ScopeTypes);
