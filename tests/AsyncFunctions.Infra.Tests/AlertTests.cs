using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>With an e-mail address, three metric alerts (and the two log alerts of <see cref="LogAlertTests"/>) reach the operator; without one, none are deployed.</summary>
public sealed class AlertTests
{
    private const string Email = "oncall@example.org";
    private const string MetricAlertType = "Microsoft.Insights/metricAlerts";
    private const string ActionGroupType = "Microsoft.Insights/actionGroups";

    private static readonly ArmTemplate WithEmail = CompiledInfra.Instance.Evaluate(new Dictionary<string, object?> { ["alertEmail"] = Email });
    private static readonly ArmResource ActionGroup = Assert.Single(WithEmail.Created(ActionGroupType));

    [Fact]
    public void Alerts_NoEmail_AreNotDeployed()
    {
        Assert.Empty(CompiledInfra.Instance.Main.Created(ActionGroupType));
        Assert.Empty(CompiledInfra.Instance.Main.Created(MetricAlertType));
        Assert.Empty(CompiledInfra.Instance.Main.Created(LogAlertTests.ScheduledQueryRuleType));
    }

    [Fact]
    public void ActionGroup_Email_IsTheOnlyReceiver()
    {
        var receiver = Assert.Single((IReadOnlyList<object?>)ActionGroup["properties.emailReceivers"]!);

        Assert.Equal(Email, ArmValue.At(receiver, "emailAddress"));
        Assert.Equal(true, ArmValue.At(receiver, "useCommonAlertSchema"));
        Assert.Equal(true, ActionGroup["properties.enabled"]);
        Assert.True(((string)ActionGroup["properties.groupShortName"]!).Length <= 12, "groupShortName is limited to 12 characters.");
    }

    [Fact]
    public void MetricAlerts_Every_GoesToTheActionGroup()
    {
        var alerts = WithEmail.Created(MetricAlertType);

        Assert.Equal(["orders-dead-lettered", "orders-backlog", "function-failures"], alerts.Select(a => a.Name));
        Assert.All(alerts, alert =>
        {
            var action = Assert.Single((IReadOnlyList<object?>)alert["properties.actions"]!);
            Assert.Equal(ActionGroup.Name, ArmResourceId.NamesOf(ArmValue.Text(ArmValue.At(action, "actionGroupId")))[0]);
            Assert.Equal(true, alert["properties.enabled"]);
        });
    }

    [Fact]
    public void DeadLetteredAlert_OrdersQueue_FiresOnTheFirstDeadLetter()
    {
        var criterion = Criterion("orders-dead-lettered");

        AssertOnOrdersQueue("orders-dead-lettered", criterion);
        Assert.Equal("DeadletteredMessages", criterion["metricName"]);
        Assert.Equal("Maximum", criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", criterion["operator"]);
        Assert.Equal(0L, criterion["threshold"]);
    }

    [Fact]
    public void BacklogAlert_OrdersQueue_FiresWhenActiveMessagesNeverDrainForTheWindow()
    {
        var criterion = Criterion("orders-backlog");
        var alert = Alert("orders-backlog");

        AssertOnOrdersQueue("orders-backlog", criterion);
        Assert.Equal("ActiveMessages", criterion["metricName"]);
        Assert.Equal("Minimum", criterion["timeAggregation"]);
        Assert.Equal(100L, criterion["threshold"]);
        Assert.Equal("PT15M", alert["properties.windowSize"]);
    }

    [Fact]
    public void FunctionFailuresAlert_ApplicationInsights_FiresOnAFailedInvocation()
    {
        var criterion = Criterion("function-failures");
        var scope = ArmValue.Text(Assert.Single((IReadOnlyList<object?>)Alert("function-failures")["properties.scopes"]!));

        Assert.Equal("Microsoft.Insights/components", ArmResourceId.TypeOf(scope));
        Assert.Equal(Assert.Single(WithEmail.Created("Microsoft.Insights/components")).Name, ArmResourceId.NamesOf(scope)[0]);
        Assert.Equal("requests/failed", criterion["metricName"]);
        Assert.Equal("Count", criterion["timeAggregation"]);
        Assert.Equal(0L, criterion["threshold"]);
    }

    private static ArmResource Alert(string name) => Assert.Single(WithEmail.Created(MetricAlertType), a => a.Name == name);

    private static IReadOnlyDictionary<string, object?> Criterion(string alertName)
    {
        var alert = Alert(alertName);
        // "odata.type" has a dot in its name, so it is read from the criteria object, not by path.
        Assert.Equal("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", ArmValue.ObjectAt(alert.Body, "properties.criteria")["odata.type"]);
        return (IReadOnlyDictionary<string, object?>)Assert.Single((IReadOnlyList<object?>)alert["properties.criteria.allOf"]!)!;
    }

    private static void AssertOnOrdersQueue(string alertName, IReadOnlyDictionary<string, object?> criterion)
    {
        var scope = ArmValue.Text(Assert.Single((IReadOnlyList<object?>)Alert(alertName)["properties.scopes"]!));
        var dimension = Assert.Single((IReadOnlyList<object?>)criterion["dimensions"]!);

        Assert.Equal("Microsoft.ServiceBus/namespaces", ArmResourceId.TypeOf(scope));
        Assert.Equal(Assert.Single(WithEmail.Created("Microsoft.ServiceBus/namespaces")).Name, ArmResourceId.NamesOf(scope)[0]);
        Assert.Equal("Microsoft.ServiceBus/namespaces", criterion["metricNamespace"]);
        Assert.Equal("EntityName", ArmValue.At(dimension, "name"));
        Assert.Equal("Include", ArmValue.At(dimension, "operator"));
        Assert.Equal(new List<object?> { "orders-by-zone" }, ArmValue.At(dimension, "values"));
    }
}
