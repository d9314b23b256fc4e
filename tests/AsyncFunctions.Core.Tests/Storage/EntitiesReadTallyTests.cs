using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.Storage;

/// <summary>
/// The tally behind the storage-read meter: it adds what the store reports within the flow that opened it,
/// tells "reported nothing" from "reported zero rows", and a report with no tally open goes nowhere.
/// </summary>
public sealed class EntitiesReadTallyTests
{
    [Fact]
    public async Task Report_AfterOpen_AddsUpAndMarksReported()
    {
        var tally = await Task.Run(() =>
        {
            var opened = EntitiesReadTally.Open();
            EntitiesReadTally.Report(3);
            EntitiesReadTally.Report(4);
            return opened;
        });

        Assert.Equal(7, tally.Count);
        Assert.True(tally.Reported);
    }

    [Fact]
    public async Task Report_ZeroRows_StillReported()
    {
        var tally = await Task.Run(() =>
        {
            var opened = EntitiesReadTally.Open();
            EntitiesReadTally.Report(0);
            return opened;
        });

        Assert.Equal(0, tally.Count);
        Assert.True(tally.Reported);
    }

    [Fact]
    public async Task Open_NothingReported_NotReported()
    {
        var tally = await Task.Run(EntitiesReadTally.Open);

        Assert.Equal(0, tally.Count);
        Assert.False(tally.Reported);
    }

    [Fact]
    public async Task Report_FromTheCallersFlow_DoesNotReachTheTally()
    {
        var tally = await Task.Run(async () =>
        {
            var opened = EntitiesReadTally.Open();
            // A flow started from the one that opened the tally reports into it; the caller's flow, below, does not.
            await Task.Run(() => EntitiesReadTally.Report(5), CancellationToken.None).ConfigureAwait(false);
            return opened;
        });
        await Task.Run(() => EntitiesReadTally.Report(9));

        Assert.Equal(5, tally.Count);
    }
}
