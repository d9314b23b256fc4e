using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;
using AsyncFunctions.Infra.Tests.Roles;
using static AsyncFunctions.Infra.Tests.Roles.BuiltInRoles;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The order-events topic, its subscriptions and filters, and who may send and receive, on the compiled template.</summary>
public sealed class OrderEventsTopicTests
{
    private const string TopicType = "Microsoft.ServiceBus/namespaces/topics";
    private const string SubscriptionType = "Microsoft.ServiceBus/namespaces/topics/subscriptions";
    private const string RuleType = "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules";
    private const string AppIdentity = "<reference('identity').outputs.principalId.value>";
    private const string DeployingUser = "0000aaaa-user-object-id";

    private static readonly ArmTemplate WithPartners = CompiledInfra.Instance.Evaluate(new Dictionary<string, object?>
    {
        ["principalId"] = DeployingUser,
        ["eventPartners"] = new List<object?>
        {
            new Dictionary<string, object?> { ["source"] = "acme", ["principalId"] = "1111-acme" },
            new Dictionary<string, object?> { ["source"] = "globex", ["principalId"] = "2222-globex" },
        },
    });

    private static readonly IReadOnlyList<RoleGrant> Grants = RoleGrantReader.Read(WithPartners);

    [Theory]
    [InlineData("requiresDuplicateDetection", true)]
    [InlineData("duplicateDetectionHistoryTimeWindow", "PT1H")]
    [InlineData("defaultMessageTimeToLive", "P14D")]
    [InlineData("supportOrdering", true)]
    public void Topic_Property_HasTheDesignedValue(string property, object expected)
    {
        var topic = Assert.Single(CompiledInfra.Instance.Main.Created(TopicType));

        Assert.Equal(expected, topic.Properties[property]);
    }

    [Fact]
    public void Topic_Name_IsOrderEventsInTheNamespace()
    {
        var topic = Assert.Single(CompiledInfra.Instance.Main.Created(TopicType));
        var ns = Assert.Single(CompiledInfra.Instance.Main.Created("Microsoft.ServiceBus/namespaces"));

        Assert.Equal($"{ns.Name}/order-events", topic.Name);
    }

    [Fact]
    public void Subscriptions_NoPartners_OnlyOperationsWithTheCatchAllRule()
    {
        var subscription = Assert.Single(CompiledInfra.Instance.Main.Created(SubscriptionType));

        Assert.EndsWith("/order-events/operations", subscription.Name, StringComparison.Ordinal);
        Assert.Empty(CompiledInfra.Instance.Main.Created(RuleType));
    }

    [Fact]
    public void Subscriptions_TwoPartners_OneEachBesideOperations()
    {
        var names = WithPartners.Created(SubscriptionType).Select(s => s.Name[(s.Name.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal);

        Assert.Equal(["acme", "globex", "operations"], names);
        Assert.All(WithPartners.Created(SubscriptionType), s =>
        {
            Assert.Equal(true, s.Properties["deadLetteringOnMessageExpiration"]);
            Assert.Equal(10L, s.Properties["maxDeliveryCount"]);
        });
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("globex")]
    public void PartnerSubscription_Rule_ReplacesTheDefaultWithASqlFilterOnItsSource(string partner)
    {
        var rule = Assert.Single(WithPartners.Created(RuleType), r => r.Name.Contains($"/{partner}/", StringComparison.Ordinal));

        // Named $Default: a second rule would be OR-ed with the catch-all and let every event through.
        Assert.EndsWith($"/order-events/{partner}/$Default", rule.Name, StringComparison.Ordinal);
        Assert.Equal("SqlFilter", rule.Properties["filterType"]);
        Assert.Equal($"source = '{partner}'", ArmValue.At(rule.Properties["sqlFilter"], "sqlExpression"));
        Assert.Equal(2, WithPartners.Created(RuleType).Count);
    }

    [Theory]
    [InlineData("1111-acme", "acme")]
    [InlineData("2222-globex", "globex")]
    public void Partner_Grant_IsDataReceiverOnItsOwnSubscriptionOnly(string principalId, string subscription)
    {
        var eventGrants = Grants.Where(g => g.PrincipalId == principalId).ToList();

        var grant = Assert.Single(eventGrants);
        Assert.Equal(ServiceBusDataReceiver, grant.RoleDefinitionId);
        Assert.Equal(SubscriptionType, grant.ScopeType);
        Assert.Equal(["order-events", subscription], grant.ScopeNames.Skip(1));
        Assert.Equal("ServicePrincipal", grant.PrincipalType);
    }

    [Fact]
    public void AppIdentity_Grant_IsDataSenderOnTheTopicOnly()
    {
        var grant = Assert.Single(Grants, g => g.PrincipalId == AppIdentity && g.ScopeType is TopicType or SubscriptionType);

        Assert.Equal(ServiceBusDataSender, grant.RoleDefinitionId);
        Assert.Equal(TopicType, grant.ScopeType);
        Assert.Equal("order-events", grant.ScopeNames[^1]);
    }

    [Fact]
    public void DeployingUser_Grant_IsDataReceiverOnOperations()
    {
        var grant = Assert.Single(Grants, g => g.PrincipalId == DeployingUser && g.ScopeType is TopicType or SubscriptionType);

        Assert.Equal(ServiceBusDataReceiver, grant.RoleDefinitionId);
        Assert.Equal(["order-events", "operations"], grant.ScopeNames.Skip(1));
    }
}
