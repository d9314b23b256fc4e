using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Sweeping;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Sweeping;

public sealed class SweepFairnessTests
{
    [Fact]
    public async Task SweepAsync_FirstZoneFillsEveryBatch_LaterZoneServedByTheSecondSweep()
    {
        // Zone "a" has more overdue orders than two batches hold; "b", listed after it, has one.
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { ["Dispatch:SweepBatchSize"] = "4" });
        for (var i = 0; i < 9; i++)
            await h.SubmitAndReceiveAsync(OrderBodies.Order($"a-{i}", zone: "a"));
        await h.SubmitAndReceiveAsync(OrderBodies.Order("b-0", zone: "b"));
        h.Clock.Advance(h.Options.StaleAfter + TimeSpan.FromSeconds(1));

        var first = await h.Sweeper.SweepAsync(CancellationToken.None);
        var second = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(4, first.Republished);
        Assert.Equal(4, second.Republished);
        var republished = (await h.DrainAsync()).Select(m => m.ApplicationProperties[MessageProperties.OrderId]).ToList();
        // Listed order alone would give "a" both batches and "b" nothing until the third sweep.
        Assert.Contains("b-0", republished);
    }

    [Theory]
    [InlineData(null, "a,b,c")]
    [InlineData("a", "a,b,c")]
    [InlineData("b", "b,c,a")]
    [InlineData("c", "c,a,b")]
    [InlineData("bb", "c,a,b")] // a start zone no longer listed: the one that now follows it
    [InlineData("d", "a,b,c")]
    public void StartingAt_RotatesTheListedOrder(string? start, string expected) =>
        Assert.Equal(expected.Split(','), SweepOrder.StartingAt(["a", "b", "c"], start));

    [Theory]
    [InlineData("a", "b")]
    [InlineData("c", "a")]
    public void After_NextZoneWrappingRound(string zone, string expected) =>
        Assert.Equal(expected, SweepOrder.After(["a", "b", "c"], zone));
}
