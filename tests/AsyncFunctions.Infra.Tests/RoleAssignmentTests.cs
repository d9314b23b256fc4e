using AsyncFunctions.Infra.Tests.Parsing;

namespace AsyncFunctions.Infra.Tests;

/// <summary>Every identity gets exactly the data roles it needs, at the narrowest scope.</summary>
public sealed class RoleAssignmentTests
{
    // Azure built-in role definition ids: the same GUIDs in every tenant.
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private const string QueueType = "Microsoft.ServiceBus/namespaces/queues";
    private const string AppIdentity = "identity.outputs.principalId";

    private static readonly InfraTemplate Infra = InfraTemplate.FromRepository();
    private static readonly IReadOnlyList<RoleGrant> Grants = RoleGrantReader.Read(Infra.Main, Infra.LoadModule);

    [Fact]
    public void RoleTable_EveryEntry_IsTheBuiltInRoleGuid()
    {
        var table = RoleGrantReader.RoleTable(Infra.Main);

        Assert.Equal(ServiceBusDataReceiver, table["serviceBusDataReceiver"]);
        Assert.Equal(ServiceBusDataSender, table["serviceBusDataSender"]);
        Assert.Equal(StorageBlobDataOwner, table["storageBlobDataOwner"]);
        Assert.Equal(StorageTableDataContributor, table["storageTableDataContributor"]);
        Assert.Equal(StorageQueueDataContributor, table["storageQueueDataContributor"]);
        Assert.Equal(MonitoringMetricsPublisher, table["monitoringMetricsPublisher"]);
    }

    [Fact]
    public void AppIdentity_OrdersQueue_GetsSenderAndReceiverScopedToTheQueue()
    {
        var grant = Assert.Single(Grants, g => g.PrincipalIdExpression == AppIdentity && g.RoleDefinitionIds.Contains(ServiceBusDataReceiver));

        Assert.Equal(new HashSet<string> { ServiceBusDataSender, ServiceBusDataReceiver }, grant.RoleDefinitionIds);
        Assert.Equal(new HashSet<string> { QueueType }, grant.ScopeTypes);
        Assert.Equal("ServicePrincipal", grant.PrincipalType);
    }

    [Fact]
    public void AppIdentity_Storage_GetsBlobOwnerTableAndQueueContributorOnTheAccount()
    {
        var grant = Assert.Single(Grants, g => g.PrincipalIdExpression == AppIdentity && g.RoleDefinitionIds.Contains(StorageBlobDataOwner));

        Assert.Equal(
            new HashSet<string> { StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor },
            grant.RoleDefinitionIds);
        Assert.Equal(new HashSet<string> { "Microsoft.Storage/storageAccounts" }, grant.ScopeTypes);
    }

    [Fact]
    public void AppIdentity_ApplicationInsights_GetsMonitoringMetricsPublisher()
    {
        var grant = Assert.Single(Grants, g => g.PrincipalIdExpression == AppIdentity && g.RoleDefinitionIds.Contains(MonitoringMetricsPublisher));

        Assert.Equal(new HashSet<string> { "Microsoft.Insights/components" }, grant.ScopeTypes);
    }

    [Fact]
    public void DeployingUser_DataRoles_MatchTheAppsAndAreSkippedWhenPrincipalIdIsEmpty()
    {
        var userGrants = Grants.Where(g => g.PrincipalIdExpression == "principalId").ToList();
        var appGrants = Grants.Where(g => g.PrincipalIdExpression == AppIdentity).ToList();

        Assert.Equal(
            appGrants.Select(g => (g.Module.Path, Roles: string.Join(',', g.RoleDefinitionIds.Order(StringComparer.Ordinal)))),
            userGrants.Select(g => (g.Module.Path, Roles: string.Join(',', g.RoleDefinitionIds.Order(StringComparer.Ordinal)))));
        Assert.All(userGrants, g =>
        {
            Assert.Equal("User", g.PrincipalType);
            Assert.StartsWith("if (!empty(principalId))", g.Module.Declaration.Trim(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Partners_EachPartner_GetsOnlyDataSenderOnTheQueue()
    {
        var partnerGrants = Grants.Where(g => g.Module.Declaration.Contains("in partnerPrincipalIds", StringComparison.Ordinal)).ToList();

        var grant = Assert.Single(partnerGrants);
        Assert.True(grant.Module.IsLoop);
        Assert.Equal(new HashSet<string> { ServiceBusDataSender }, grant.RoleDefinitionIds);
        Assert.Equal(new HashSet<string> { QueueType }, grant.ScopeTypes);
        Assert.Equal("ServicePrincipal", grant.PrincipalType);
        Assert.Contains("partnerPrincipalIds array = []", Infra.Main.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceBusRoles_AnyGrant_IsScopedToTheQueueNeverTheNamespace()
    {
        var serviceBusGrants = Grants
            .Where(g => g.RoleDefinitionIds.Overlaps([ServiceBusDataSender, ServiceBusDataReceiver]))
            .ToList();

        Assert.Equal(3, serviceBusGrants.Count); // app, deploying user, partners
        Assert.All(serviceBusGrants, g => Assert.Equal(new HashSet<string> { QueueType }, g.ScopeTypes));
    }

    [Fact]
    public void RoleAssignments_EveryOne_LivesInAnAccessModule()
    {
        var holders = Infra.AllDocuments
            .Where(d => d.ResourcesOfType("Microsoft.Authorization/roleAssignments").Any())
            .Select(d => Path.GetFileName(d.Name))
            .ToList();

        Assert.NotEmpty(holders);
        Assert.All(holders, name => Assert.EndsWith("-access.bicep", name, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_PartnerGrantScopedToNamespaceWithReceiver_IsVisibleInTheGrant()
    {
        var main = new BicepDocument("""
            var roles = {
              serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver
              serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender
            }
            var partnerRoles = [
              roles.serviceBusDataSender
              roles.serviceBusDataReceiver
            ]
            module partnerAccess 'bad-access.bicep' = [for id in partnerPrincipalIds: {
              name: 'p'
              params: {
                principalId: id
                principalType: 'ServicePrincipal'
                roleDefinitionIds: partnerRoles
              }
            }]
            """);
        var module = new BicepDocument("""
            resource ns 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
              name: 'sb'
            }
            resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for r in roleDefinitionIds: {
              name: guid(ns.id, r)
              scope: ns
              properties: {}
            }]
            """);

        var grant = Assert.Single(RoleGrantReader.Read(main, _ => module));

        Assert.Equal(new HashSet<string> { ServiceBusDataSender, ServiceBusDataReceiver }, grant.RoleDefinitionIds);
        Assert.Equal(new HashSet<string> { "Microsoft.ServiceBus/namespaces" }, grant.ScopeTypes);
        Assert.NotEqual(new HashSet<string> { QueueType }, grant.ScopeTypes);
    }
}
