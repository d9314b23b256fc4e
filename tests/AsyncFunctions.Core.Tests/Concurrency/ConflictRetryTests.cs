using AsyncFunctions.Core.Concurrency;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.Concurrency;

public sealed class ConflictRetryTests
{
    private static TableStorageException Fault(TableErrorKind kind, int? index = null) => new(kind, $"injected {kind}", index);

    [Fact]
    public async Task RunAsync_FirstAttemptSucceeds_ReturnsItsValueAfterOneRound()
    {
        var rounds = new List<int>();

        var result = await ConflictRetry.RunAsync(3, round => { rounds.Add(round); return Task.FromResult("done"); }, "x kept changing");

        Assert.False(result.IsContended);
        Assert.Equal("done", result.Value);
        Assert.Equal([0], rounds);
    }

    [Fact]
    public async Task RunAsync_LosesTwoRaces_RunsAgainEachTimeAndReportsEachConflict()
    {
        var rounds = new List<int>();
        var conflicts = 0;

        var result = await ConflictRetry.RunAsync(5, round =>
        {
            rounds.Add(round);
            return round < 2 ? throw Fault(TableErrorKind.PreconditionFailed) : Task.FromResult(round);
        }, "x kept changing", onConflict: _ => conflicts++);

        Assert.Equal(2, result.Value);
        Assert.Equal([0, 1, 2], rounds);
        Assert.Equal(2, conflicts);
    }

    [Fact]
    public async Task RunAsync_EveryAttemptConflicts_ContendedAfterExactlyMaxAttempts()
    {
        var rounds = 0;

        var result = await ConflictRetry.RunAsync<int>(4, _ => { rounds++; throw Fault(TableErrorKind.PreconditionFailed); }, "Order o-1 kept changing");

        Assert.True(result.IsContended);
        Assert.Equal("Order o-1 kept changing (4 attempts); try again later.", result.ContentionDetail);
        Assert.Equal(4, rounds);
    }

    [Theory]
    [InlineData(TableErrorKind.Transient)]
    [InlineData(TableErrorKind.NotFound)]
    [InlineData(TableErrorKind.AlreadyExists)]
    [InlineData(TableErrorKind.BadRequest)]
    public async Task RunAsync_FailureThatIsNotAConflict_EscapesAtOnce(TableErrorKind kind)
    {
        var rounds = 0;

        var error = await Assert.ThrowsAsync<TableStorageException>(() =>
            ConflictRetry.RunAsync<int>(4, _ => { rounds++; throw Fault(kind); }, "x"));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(1, rounds);
    }

    [Fact]
    public async Task RunAsync_CallerSaysWhatAConflictIs_RetriesThoseAndLetsOthersEscape()
    {
        var faults = new Queue<TableStorageException>([Fault(TableErrorKind.NotFound, 1), Fault(TableErrorKind.AlreadyExists), Fault(TableErrorKind.NotFound, 0)]);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => ConflictRetry.RunAsync<int>(10, _ => throw faults.Dequeue(), "x",
            isConflict: ex => ex.Kind is TableErrorKind.AlreadyExists || (ex.Kind == TableErrorKind.NotFound && ex.FailedActionIndex == 1)));

        Assert.Equal(0, error.FailedActionIndex);
        Assert.Empty(faults);
    }
}
