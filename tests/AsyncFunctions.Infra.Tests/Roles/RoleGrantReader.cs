using AsyncFunctions.Infra.Tests.Arm;

namespace AsyncFunctions.Infra.Tests.Roles;

/// <summary>Every role assignment a compiled template would create, in every module, for its parameter values.</summary>
public static class RoleGrantReader
{
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    public static IReadOnlyList<RoleGrant> Read(ArmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. template.AllResources()
            .Where(r => r.Type == RoleAssignmentType && r.IsCreated)
            .Select(Grant)];
    }

    private static RoleGrant Grant(ArmResource assignment)
    {
        var scope = assignment.Scope
            ?? throw new InvalidOperationException($"{assignment} has no scope: it would apply to the whole resource group.");
        var roleDefinitionId = ArmValue.Text(assignment.Properties["roleDefinitionId"]);
        return new RoleGrant(
            assignment.Deployment?.Name ?? "(main)",
            ArmValue.Text(assignment.Properties["principalId"]),
            ArmValue.Text(assignment.Properties.GetValueOrDefault("principalType")),
            roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..],
            ArmResourceId.TypeOf(scope),
            ArmResourceId.NamesOf(scope));
    }
}
