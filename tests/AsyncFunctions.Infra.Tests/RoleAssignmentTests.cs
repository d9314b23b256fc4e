using System.Text.Json;
using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;
using AsyncFunctions.Infra.Tests.Roles;
using static AsyncFunctions.Infra.Tests.Roles.BuiltInRoles;

namespace AsyncFunctions.Infra.Tests;

/// <summary>Every identity gets exactly the data roles it needs, at the narrowest scope, on the compiled template.</summary>
public sealed class RoleAssignmentTests
{
    private const string QueueType = "Microsoft.ServiceBus/namespaces/queues";
    private const string TopicType = "Microsoft.ServiceBus/namespaces/topics";
    private const string SubscriptionType = "Microsoft.ServiceBus/namespaces/topics/subscriptions";
    private const string StorageType = "Microsoft.Storage/storageAccounts";
    private const string AppInsightsType = "Microsoft.Insights/components";
    private const string AppIdentity = "<reference('identity').outputs.principalId.value>";
    private const string DeployingUser = "0000aaaa-user-object-id";
    private static readonly string[] Partners = ["1111bbbb-partner-a", "2222cccc-partner-b"];

    private static readonly IReadOnlyList<RoleGrant> Grants = RoleGrantReader.Read(CompiledInfra.Instance.Evaluate(new Dictionary<string, object?>
    {
        ["principalId"] = DeployingUser,
        ["partnerPrincipalIds"] = Partners.Cast<object?>().ToList(),
    }));

    private static readonly HashSet<(string Role, string ScopeType)> AppRoles =
    [
        (ServiceBusDataSender, QueueType),
        (ServiceBusDataReceiver, QueueType),
        (ServiceBusDataSender, TopicType),
        (StorageBlobDataOwner, StorageType),
        (StorageTableDataContributor, StorageType),
        (StorageQueueDataContributor, StorageType),
        (MonitoringMetricsPublisher, AppInsightsType),
    ];

    [Fact]
    public void AppIdentity_Grants_AreQueueDataRolesTopicSenderStorageDataRolesAndMetricsPublisher()
    {
        var app = Grants.Where(g => g.PrincipalId == AppIdentity).ToList();

        Assert.Equal(AppRoles, app.Select(g => (g.RoleDefinitionId, g.ScopeType)).ToHashSet());
        Assert.Equal(AppRoles.Count, app.Count);
        Assert.All(app, g => Assert.Equal("ServicePrincipal", g.PrincipalType));
    }

    [Fact]
    public void ServiceBusRoles_EveryGrant_IsScopedToTheOrdersQueueNeverTheNamespace()
    {
        // The order-events topic's grants (app sender, user on operations) are checked in OrderEventsTopicTests.
        var serviceBus = Grants.Where(g => g.RoleDefinitionId is ServiceBusDataSender or ServiceBusDataReceiver && g.ScopeType == QueueType).ToList();

        Assert.Equal(2 + 2 + Partners.Length, serviceBus.Count); // app, deploying user, one per partner
        Assert.All(serviceBus, g =>
        {
            Assert.Equal(QueueType, g.ScopeType);
            Assert.Equal("orders-by-zone", g.ScopeNames[^1]);
        });
        Assert.DoesNotContain(Grants, g => g.ScopeType == "Microsoft.ServiceBus/namespaces");
        Assert.All(Grants.Where(g => g.RoleDefinitionId is ServiceBusDataSender or ServiceBusDataReceiver),
            g => Assert.Contains(g.ScopeType, new[] { QueueType, TopicType, SubscriptionType }));
    }

    [Fact]
    public void DeployingUser_Grants_MatchTheAppsAsUser()
    {
        var user = Grants.Where(g => g.PrincipalId == DeployingUser).ToList();

        // Except on the events topic: the app sends to it, the operator reads the operations subscription.
        var expected = AppRoles.Where(r => r.ScopeType != TopicType).Append((ServiceBusDataReceiver, SubscriptionType)).ToHashSet();
        Assert.Equal(expected, user.Select(g => (g.RoleDefinitionId, g.ScopeType)).ToHashSet());
        Assert.All(user, g => Assert.Equal("User", g.PrincipalType));
    }

    [Fact]
    public void DeployingUser_EmptyPrincipalId_GetsNoGrant()
    {
        var grants = RoleGrantReader.Read(CompiledInfra.Instance.Main);

        Assert.Equal(AppRoles.Count, grants.Count);
        Assert.All(grants, g => Assert.Equal(AppIdentity, g.PrincipalId));
    }

    [Fact]
    public void Partners_EachPartner_GetsOnlyDataSenderOnTheOrdersQueue()
    {
        foreach (var partner in Partners)
        {
            var grant = Assert.Single(Grants, g => g.PrincipalId == partner);

            Assert.Equal(ServiceBusDataSender, grant.RoleDefinitionId);
            Assert.Equal(QueueType, grant.ScopeType);
            Assert.Equal("ServicePrincipal", grant.PrincipalType);
            // The queue itself: not the namespace, not the dead-letter sub-queue, not storage or telemetry.
            Assert.Equal(2, grant.ScopeNames.Count);
            Assert.Equal("orders-by-zone", grant.ScopeNames[1]);
            Assert.StartsWith("sb-", grant.ScopeNames[0], StringComparison.Ordinal);
        }

        var partnerGrants = Grants.Where(g => Partners.Contains(g.PrincipalId)).ToList();
        Assert.DoesNotContain(partnerGrants, g => g.ScopeType is StorageType or AppInsightsType or "Microsoft.ServiceBus/namespaces");
        Assert.DoesNotContain(partnerGrants, g => g.ScopeNames.Any(n => n.Contains("DeadLetterQueue", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Partners_NoneConfigured_GetNoGrant()
    {
        var grants = RoleGrantReader.Read(CompiledInfra.Instance.Evaluate(new Dictionary<string, object?> { ["partnerPrincipalIds"] = new List<object?>() }));

        Assert.DoesNotContain(grants, g => g.Module.StartsWith("partner-", StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAssignments_EveryOne_LivesInAnAccessModule()
    {
        Assert.NotEmpty(Grants);
        Assert.All(Grants, g => Assert.Matches(@"-access(-\d+)?$", g.Module));
    }

    [Fact]
    public void RoleTable_EveryEntry_IsTheBuiltInRoleGuid()
    {
        var roles = (IReadOnlyDictionary<string, object?>)CompiledInfra.Instance.Main.Scope.Variable("roles")!;

        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["serviceBusDataReceiver"] = ServiceBusDataReceiver,
                ["serviceBusDataSender"] = ServiceBusDataSender,
                ["storageBlobDataOwner"] = StorageBlobDataOwner,
                ["storageTableDataContributor"] = StorageTableDataContributor,
                ["storageQueueDataContributor"] = StorageQueueDataContributor,
                ["monitoringMetricsPublisher"] = MonitoringMetricsPublisher,
            },
            roles);
    }

    [Fact]
    public void Read_PartnerLoopScopedToTheNamespace_ShowsTheNamespaceScope()
    {
        // A module loop that would grant partners Sender on the whole namespace: the reader must show it.
        const string template = """
            {
              "parameters": { "partners": { "type": "array", "defaultValue": ["p-1"] } },
              "variables": { "sender": "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39" },
              "resources": [{
                "copy": { "name": "grants", "count": "[length(parameters('partners'))]" },
                "type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01",
                "name": "[format('partner-access-{0}', copyIndex())]",
                "properties": {
                  "expressionEvaluationOptions": { "scope": "inner" },
                  "parameters": { "principalId": { "value": "[parameters('partners')[copyIndex()]]" }, "role": { "value": "[variables('sender')]" } },
                  "template": {
                    "parameters": { "principalId": { "type": "string" }, "role": { "type": "string" } },
                    "resources": [{
                      "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "x",
                      "scope": "[resourceId('Microsoft.ServiceBus/namespaces', 'sb-1')]",
                      "properties": {
                        "principalId": "[parameters('principalId')]",
                        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('role'))]"
                      }
                    }]
                  }
                }
              }]
            }
            """;

        var grant = Assert.Single(RoleGrantReader.Read(new ArmTemplate(JsonDocument.Parse(template).RootElement, new Dictionary<string, object?>())));

        Assert.Equal(("p-1", ServiceBusDataSender, "Microsoft.ServiceBus/namespaces"), (grant.PrincipalId, grant.RoleDefinitionId, grant.ScopeType));
        Assert.NotEqual(QueueType, grant.ScopeType);
    }
}
