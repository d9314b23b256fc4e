using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Storage;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>
/// The round-trip counters the benchmarks and the cost figures read: one per bus and table call, by kind, the
/// entities a call read (what Table Storage bills), and the queries that scan.
/// </summary>
public sealed class MeteredDecoratorsTests : IDisposable
{
    private readonly DispatchMetrics _metrics = new();
    private readonly MeterRecorder _recorded;
    private readonly MeteredTableStore _tables;

    public MeteredDecoratorsTests()
    {
        _recorded = new MeterRecorder(_metrics.Meter);
        _tables = new MeteredTableStore(new InMemoryTableStore(), _metrics);
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task SendAsync_NowOrScheduled_CountedAsSendOrScheduleAndPassedOn()
    {
        var sent = new List<OutboundMessage>();
        var publisher = new MeteredPublisher(new ListPublisher(sent), _metrics);
        var now = new OutboundMessage("a", ReadOnlyMemory<byte>.Empty);
        var later = now with { MessageId = "b", ScheduledEnqueueTime = DateTimeOffset.UnixEpoch };

        await publisher.SendAsync(now);
        await publisher.SendAsync(later);
        await publisher.SendAsync(later);

        Assert.Equal(1, _recorded["dispatch.bus.operations kind=send"]);
        Assert.Equal(2, _recorded["dispatch.bus.operations kind=schedule"]);
        Assert.Equal([now, later, later], sent);
    }

    [Fact]
    public async Task Settlement_EachKind_CountedAndPassedOn()
    {
        var (completed, abandoned, deadLettered) = (new RecordingSettlement(), new RecordingSettlement(), new RecordingSettlement());

        await new MeteredSettlement(completed, _metrics).CompleteAsync();
        await new MeteredSettlement(abandoned, _metrics).AbandonAsync();
        await new MeteredSettlement(deadLettered, _metrics).DeadLetterAsync("InvalidOrder", "zone: required");

        Assert.True(completed.Completed);
        Assert.True(abandoned.Abandoned);
        Assert.Equal(("InvalidOrder", "zone: required"), (deadLettered.DeadLetterReason, deadLettered.DeadLetterDescription));
        Assert.Equal(1, _recorded["dispatch.bus.operations kind=complete"]);
        Assert.Equal(1, _recorded["dispatch.bus.operations kind=abandon"]);
        Assert.Equal(1, _recorded["dispatch.bus.operations kind=deadletter"]);
    }

    [Fact]
    public async Task TableCalls_EachKind_CountedOnce()
    {
        var etag = await _tables.AddAsync("T", Row("a"));
        etag = await _tables.UpdateAsync("T", Row("a"), etag);
        await _tables.UpsertAsync("T", Row("b"));
        await _tables.SubmitTransactionAsync("T", [TableAction.Add(Row("c"))]);
        await _tables.DeleteAsync("T", "p", "a", etag);

        foreach (var kind in new[] { "add", "update", "upsert", "transaction", "delete" })
            Assert.Equal(1, _recorded[$"dispatch.storage.operations kind={kind}"]);
    }

    [Fact]
    public async Task GetAsync_FoundOrNot_OneOperationAndAnEntityReadOnlyWhenFound()
    {
        await _tables.AddAsync("T", Row("a"));

        Assert.NotNull(await _tables.GetAsync("T", "p", "a"));
        Assert.Null(await _tables.GetAsync("T", "p", "missing"));

        Assert.Equal(2, _recorded["dispatch.storage.operations kind=get"]);
        Assert.Equal(1, _recorded["dispatch.storage.entities_read kind=get"]);
    }

    [Fact]
    public async Task QueryAsync_FilteredInsideAPartition_CountsEveryRowPassedOverAndAFilteredScan()
    {
        foreach (var key in new[] { "a", "b", "c" })
            await _tables.AddAsync("T", Row(key, keep: key == "b"));
        var filtered = new TableQuery { PartitionKey = "p", Conditions = [new PropertyCondition("Keep", ComparisonOperator.Equal, true)] };

        var rows = await _tables.QueryAsync("T", filtered).ToListAsync();

        Assert.Equal("b", Assert.Single(rows).RowKey);
        Assert.Equal(1, _recorded["dispatch.storage.operations kind=query"]);
        Assert.Equal(3, _recorded["dispatch.storage.entities_read kind=query"]);
        Assert.Equal(1, _recorded["dispatch.storage.scans kind=filtered-partition"]);
        Assert.Equal(0, _recorded["dispatch.storage.scans kind=cross-partition"]);
    }

    [Fact]
    public async Task QueryAsync_NoPartition_ACrossPartitionScan()
    {
        await _tables.AddAsync("T", Row("a"));

        await _tables.QueryAsync("T", new TableQuery { Conditions = [new PropertyCondition("Keep", ComparisonOperator.Equal, true)] }).ToListAsync();

        Assert.Equal(1, _recorded["dispatch.storage.scans kind=cross-partition"]);
        Assert.Equal(0, _recorded["dispatch.storage.scans kind=filtered-partition"]);
    }

    [Fact]
    public async Task QueryAsync_OnePartitionUnfiltered_NoScan()
    {
        await _tables.AddAsync("T", Row("a"));

        await _tables.QueryAsync("T", new TableQuery { PartitionKey = "p" }).ToListAsync();

        Assert.Equal(0, _recorded["dispatch.storage.scans kind=cross-partition"]);
        Assert.Equal(0, _recorded["dispatch.storage.scans kind=filtered-partition"]);
        Assert.Equal(1, _recorded["dispatch.storage.entities_read kind=query"]);
    }

    [Fact]
    public async Task QueryAsync_StoreThatDoesNotReport_BilledWhatItReturned()
    {
        var tables = new MeteredTableStore(new SilentQueryStore(3), _metrics);

        Assert.Equal(3, (await tables.QueryAsync("T", new TableQuery { PartitionKey = "p" }).ToListAsync()).Count);

        Assert.Equal(3, _recorded["dispatch.storage.entities_read kind=query"]);
    }

    [Fact]
    public async Task QueryAsync_StoreReportsFewerThanItReturned_BilledAtLeastWhatItReturned()
    {
        var tables = new MeteredTableStore(new SilentQueryStore(4, reported: 1), _metrics);

        await tables.QueryAsync("T", new TableQuery { PartitionKey = "p" }).ToListAsync();

        Assert.Equal(4, _recorded["dispatch.storage.entities_read kind=query"]);
    }

    private static TableRow Row(string rowKey, bool keep = false) => new("p", rowKey, new Dictionary<string, object?> { ["Keep"] = keep });

    private sealed class ListPublisher(List<OutboundMessage> sent) : IMessagePublisher
    {
        public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
        {
            sent.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Returns <paramref name="rows"/> rows and reports <paramref name="reported"/> passed over (null: reports nothing, as Azure).</summary>
    private sealed class SilentQueryStore(int rows, long? reported = null) : ITableStore
    {
        public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (reported is { } count)
                EntitiesReadTally.Report(count);
            for (var i = 0; i < rows; i++)
            {
                await Task.Yield();
                yield return Row($"r{i}");
            }
        }

        public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
