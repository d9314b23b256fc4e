using System.Text.Json;
using System.Text.RegularExpressions;
using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>
/// An order's trace by id in Azure: the workbook and the query pack, deployed without any alert e-mail,
/// both running infra/core/monitor/queries/order-trace.kql, whose order-id keys are the ones the code writes.
/// </summary>
public sealed partial class OrderTraceTests
{
    private static readonly ArmTemplate Main = CompiledInfra.Instance.Main;
    private static readonly string QueryFile = File.ReadAllText(RepositoryRoot.Combine("infra", "core", "monitor", "queries", "order-trace.kql"));

    [Fact]
    public void OrderTrace_NoEmail_WorkbookAndQueryPackAreDeployedOnApplicationInsights()
    {
        var component = Assert.Single(Main.Created("Microsoft.Insights/components"));
        var workbook = Assert.Single(Main.Created("Microsoft.Insights/workbooks"));
        var pack = Assert.Single(Main.Created("Microsoft.OperationalInsights/queryPacks"));
        var query = Assert.Single(Main.Created("Microsoft.OperationalInsights/queryPacks/queries"));
        var source = ArmValue.Text(workbook["properties.sourceId"]);

        Assert.Equal("shared", workbook["kind"]);
        Assert.Equal("workbook", workbook["properties.category"]);
        Assert.Equal("Microsoft.Insights/components", ArmResourceId.TypeOf(source));
        Assert.Equal(component.Name, ArmResourceId.NamesOf(source)[0]);
        Assert.StartsWith($"{pack.Name}/", query.Name, StringComparison.Ordinal);
        Assert.All([workbook, pack], r => Assert.Equal(CompiledInfra.DefaultParameters["location"], r["location"]));
    }

    [Fact]
    public void Workbook_SerializedData_AsksForAnOrderIdAndRunsTheOrderTraceQuery()
    {
        var workbook = Assert.Single(Main.Created("Microsoft.Insights/workbooks"));
        var component = Assert.Single(Main.Created("Microsoft.Insights/components"));
        using var data = JsonDocument.Parse((string)workbook["properties.serializedData"]!);
        var items = data.RootElement.GetProperty("items").EnumerateArray().ToList();
        var parameters = Assert.Single(items, i => i.GetProperty("type").GetInt32() == 9).GetProperty("content").GetProperty("parameters");
        var orderId = Assert.Single(parameters.EnumerateArray(), p => p.GetProperty("name").GetString() == "OrderId");
        var step = Assert.Single(items, i => i.GetProperty("type").GetInt32() == 3).GetProperty("content");
        var fallback = Assert.Single(data.RootElement.GetProperty("fallbackResourceIds").EnumerateArray()).GetString()!;

        Assert.Equal("Notebook/1.0", data.RootElement.GetProperty("version").GetString());
        Assert.True(orderId.GetProperty("isRequired").GetBoolean());
        Assert.Equal(QueryFile, step.GetProperty("query").GetString());
        Assert.Equal("microsoft.insights/components", step.GetProperty("resourceType").GetString());
        Assert.Equal(component.Name, ArmResourceId.NamesOf(fallback)[0]);
    }

    [Fact]
    public void QueryPack_SavedQuery_IsTheSameTextForApplicationInsights()
    {
        var query = Assert.Single(Main.Created("Microsoft.OperationalInsights/queryPacks/queries"));

        Assert.Equal(QueryFile, query["properties.body"]);
        Assert.Equal(new List<object?> { "microsoft.insights/components" }, query["properties.related.resourceTypes"]);
    }

    [Fact]
    public void OrderTraceQuery_OrderId_FindsItsTracesByTheTagAndScopeTheCodeWritesAndListsEverySignal()
    {
        var tags = File.ReadAllText(RepositoryRoot.Combine("src", "AsyncFunctions.Core", "Diagnostics", "DispatchTags.cs"));
        var processor = File.ReadAllText(RepositoryRoot.Combine("src", "AsyncFunctions.Core", "Handling", "MessageProcessor.cs"));
        var orderIdTag = OrderIdTag().Match(tags).Groups[1].Value;

        Assert.Equal("dispatch.order.id", orderIdTag);
        Assert.Contains("[\"OrderId\"] = OrderMessages.OrderIdOf(", processor, StringComparison.Ordinal);
        Assert.Contains("let orderId = '{OrderId}';", QueryFile, StringComparison.Ordinal);
        Assert.Contains($"tostring(customDimensions['{orderIdTag}']) == orderId or tostring(customDimensions['OrderId']) == orderId", QueryFile, StringComparison.Ordinal);
        Assert.Contains("| distinct operation_Id;", QueryFile, StringComparison.Ordinal);
        Assert.Contains("union requests, dependencies, traces, exceptions\n| where operation_Id in (traceIds)", QueryFile, StringComparison.Ordinal);
        Assert.EndsWith("| order by timestamp asc\n", QueryFile, StringComparison.Ordinal);
    }

    [GeneratedRegex("""const string OrderId = "([^"]+)";""")]
    private static partial Regex OrderIdTag();
}
