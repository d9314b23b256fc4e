using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Core.Tests.Diagnostics;

public sealed class TraceContextPropertiesTests
{
    private const string Trace = "0af7651916cd43dd8448eb211c80319c";
    private const string Span = "b7ad6b7169203331";

    [Fact]
    public void Extract_TraceparentAndDiagnosticId_PrefersTraceparent()
    {
        var context = TraceContextProperties.Extract(new Dictionary<string, object?>
        {
            [TraceContextProperties.DiagnosticId] = $"00-{ActivityTraceId.CreateRandom()}-{Span}-01",
            [TraceContextProperties.TraceParent] = $"00-{Trace}-{Span}-01",
            [TraceContextProperties.TraceState] = "partner=1",
        });

        Assert.Equal(Trace, context!.Value.TraceId.ToString());
        Assert.Equal(Span, context.Value.SpanId.ToString());
        Assert.True(context.Value.IsRemote);
        Assert.Equal("partner=1", context.Value.TraceState);
    }

    [Fact]
    public void Extract_OnlyDiagnosticId_UsesIt()
    {
        var context = TraceContextProperties.Extract(new Dictionary<string, object> { [TraceContextProperties.DiagnosticId] = $"00-{Trace}-{Span}-01" });

        Assert.Equal(Trace, context!.Value.TraceId.ToString());
    }

    [Theory]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("")]
    public void Extract_Invalid_IsIgnored(string value)
    {
        Assert.Null(TraceContextProperties.Extract(new Dictionary<string, object?> { [TraceContextProperties.TraceParent] = value }));
        Assert.Null(TraceContextProperties.Extract(new Dictionary<string, object?> { [TraceContextProperties.TraceParent] = 42 }));
    }

    [Fact]
    public void Inject_Activity_WritesBothNamesAndKeepsTheOtherProperties()
    {
        using var activity = new Activity("send").SetIdFormat(ActivityIdFormat.W3C).Start();

        var properties = TraceContextProperties.Inject(new Dictionary<string, object> { ["source"] = "http", [TraceContextProperties.TraceState] = "old=1" }, activity);

        Assert.Equal(activity.Id, properties[TraceContextProperties.TraceParent]);
        Assert.Equal(activity.Id, properties[TraceContextProperties.DiagnosticId]);
        Assert.Equal("http", properties["source"]);
        Assert.False(properties.ContainsKey(TraceContextProperties.TraceState));
    }
}
