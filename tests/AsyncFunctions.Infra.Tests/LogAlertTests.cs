using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>
/// The two log alerts (scheduled query rules on Application Insights): orders awaiting a driver, from our
/// gauge, and the measured wait in the orders queue. Same action group as the metric alerts; thresholds and
/// windows are parameters of the alerts module.
/// </summary>
public sealed class LogAlertTests
{
    public const string ScheduledQueryRuleType = "Microsoft.Insights/scheduledQueryRules";

    private const string AwaitingDriver = "orders-awaiting-driver";
    private const string QueueWait = "orders-queue-wait";

    private static readonly ArmTemplate WithEmail = CompiledInfra.Instance.Evaluate(new Dictionary<string, object?> { ["alertEmail"] = "oncall@example.org" });

    [Fact]
    public void LogAlerts_Every_QueriesApplicationInsightsAndGoesToTheActionGroup()
    {
        var alerts = WithEmail.Created(ScheduledQueryRuleType);
        var actionGroup = Assert.Single(WithEmail.Created("Microsoft.Insights/actionGroups"));
        var component = Assert.Single(WithEmail.Created("Microsoft.Insights/components"));

        Assert.Equal([QueueWait, AwaitingDriver], alerts.Select(a => a.Name));
        Assert.All(alerts, alert =>
        {
            var scope = ArmValue.Text(Assert.Single((IReadOnlyList<object?>)alert["properties.scopes"]!));
            var group = ArmValue.Text(Assert.Single((IReadOnlyList<object?>)alert["properties.actions.actionGroups"]!));
            Assert.Equal("LogAlert", alert["kind"]);
            Assert.Equal("Microsoft.Insights/components", ArmResourceId.TypeOf(scope));
            Assert.Equal(component.Name, ArmResourceId.NamesOf(scope)[0]);
            Assert.Equal(actionGroup.Name, ArmResourceId.NamesOf(group)[0]);
            Assert.Equal(true, alert["properties.enabled"]);
            Assert.Equal(true, alert["properties.autoMitigate"]);
            Assert.Equal(CompiledInfra.DefaultParameters["location"], alert["location"]);
        });
    }

    [Fact]
    public void AwaitingDriverAlert_Query_ReadsTheOldestAgeGaugePerZone()
    {
        var criterion = Criterion(WithEmail, AwaitingDriver);
        var query = (string)criterion["query"]!;
        var dimension = Assert.Single((IReadOnlyList<object?>)criterion["dimensions"]!);

        Assert.Contains("customMetrics", query, StringComparison.Ordinal);
        Assert.Contains("name == 'dispatch.orders.awaiting_driver.oldest_age'", query, StringComparison.Ordinal);
        Assert.Contains("oldestAwaitingSeconds = max(value) by zone", query, StringComparison.Ordinal);
        Assert.Equal("oldestAwaitingSeconds", criterion["metricMeasureColumn"]);
        Assert.Equal("zone", ArmValue.At(dimension, "name"));
        Assert.Equal(new List<object?> { "*" }, ArmValue.At(dimension, "values"));
        Assert.Equal("Maximum", criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", criterion["operator"]);
        Assert.Equal(600L, criterion["threshold"]);
        Assert.Equal("PT15M", Alert(WithEmail, AwaitingDriver)["properties.windowSize"]);
    }

    [Fact]
    public void QueueWaitAlert_Query_MeasuresFromOurSendToTheDelivery()
    {
        var criterion = Criterion(WithEmail, QueueWait);
        var query = (string)criterion["query"]!;

        // The consumer span (a request) is parented on the producer span that sent the message (a dependency).
        Assert.Contains("dependencies\n    | where name == 'send orders'", query, StringComparison.Ordinal);
        Assert.Contains("requests\n| where name == 'process orders'", query, StringComparison.Ordinal);
        Assert.Contains("producerSpanId = operation_ParentId", query, StringComparison.Ordinal);
        Assert.Contains("join kind=inner sent on operation_Id, producerSpanId", query, StringComparison.Ordinal);
        Assert.Contains("longestWaitSeconds = max((receivedAt - sentAt) / 1s)", query, StringComparison.Ordinal);
        Assert.Equal("longestWaitSeconds", criterion["metricMeasureColumn"]);
        Assert.Equal("Maximum", criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", criterion["operator"]);
        Assert.Equal(120L, criterion["threshold"]);
    }

    [Fact]
    public void QueueWaitAlert_SpanNames_AreTheOnesTheCodeStarts()
    {
        var core = RepositoryRoot.Combine("src", "AsyncFunctions.Core", "Diagnostics");
        var tracing = File.ReadAllText(Path.Combine(core, "DispatchTracing.cs"));
        var publisher = File.ReadAllText(Path.Combine(core, "TracingPublisher.cs"));
        var consumer = File.ReadAllText(Path.Combine(core, "ConsumerSpan.cs"));

        // "send orders" (an immediate send; a scheduled one is "schedule orders") and "process orders". Loose on
        // purpose: a reformatted line passes, a renamed span or queue does not.
        Assert.Contains("QueueName = \"orders\"", tracing, StringComparison.Ordinal);
        Assert.Contains("? \"send\" : \"schedule\"", publisher, StringComparison.Ordinal);
        Assert.Contains("$\"{operation} {DispatchTracing.QueueName}\"", publisher, StringComparison.Ordinal);
        Assert.Contains("$\"process {destination}\"", consumer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AwaitingDriver, "awaitingDriverThresholdSeconds", "awaitingDriverWindow")]
    [InlineData(QueueWait, "queueWaitThresholdSeconds", "queueWaitWindow")]
    public void LogAlert_ThresholdAndWindow_AreModuleParameters(string alertName, string thresholdParameter, string windowParameter)
    {
        var module = WithEmail.Module("alerts").Template!;
        var tuned = new ArmTemplate(module.Root, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["actionGroupName"] = "ag-test",
            ["applicationInsightsName"] = "appi-test",
            [thresholdParameter] = 42L,
            [windowParameter] = "PT30M",
        });

        Assert.Equal(42L, Criterion(tuned, alertName)["threshold"]);
        Assert.Equal("PT30M", Alert(tuned, alertName)["properties.windowSize"]);
        Assert.Equal("PT5M", Alert(tuned, alertName)["properties.evaluationFrequency"]);
    }

    private static ArmResource Alert(ArmTemplate template, string name) =>
        Assert.Single(template.Created(ScheduledQueryRuleType), a => a.Name == name);

    private static IReadOnlyDictionary<string, object?> Criterion(ArmTemplate template, string alertName) =>
        (IReadOnlyDictionary<string, object?>)Assert.Single((IReadOnlyList<object?>)Alert(template, alertName)["properties.criteria.allOf"]!)!;
}
