using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// Every call of the two ports runs through its dependency's breaker, queries and deletes included: failures of
/// any kind of call open it, and once open a query fails fast as transient storage trouble and a send fails without
/// reaching the bus. A query that answers streams every row, past its first.
/// </summary>
public sealed class CircuitBreakingPortsTests : IDisposable
{
    private readonly SettlementJournal _bus = new();
    private readonly DispatchHarness _h;

    public CircuitBreakingPortsTests() => _h = new DispatchHarness(publisher: _bus, settings: new Dictionary<string, string?>
    {
        ["Resilience:BreakerMinimumThroughput"] = "4",
    });

    public void Dispose() => _h.Dispose();

    private DependencyCircuits Circuits => _h.Get<DependencyCircuits>();

    private ITableStore Tables => _h.Store.Tables;

    private async Task<List<TableRow>> QueryAsync()
    {
        var rows = new List<TableRow>();
        await foreach (var row in Tables.QueryAsync("t", new TableQuery { PartitionKey = "p" }))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task QueryAsync_StorageDown_OpensTheBreakerThenFailsFast()
    {
        _h.Faults.Down = true;
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TableStorageException>(QueryAsync);
        Assert.Equal(CircuitState.Open, Circuits.Storage.State);
        var calls = _h.Faults.Calls;

        var fast = await Assert.ThrowsAsync<TableStorageException>(QueryAsync);

        Assert.True(fast.IsTransient);
        Assert.IsType<BrokenCircuitException>(fast.InnerException);
        Assert.StartsWith("Table storage is unavailable (circuit open): ", fast.Message, StringComparison.Ordinal);
        Assert.Equal(calls, _h.Faults.Calls);
    }

    [Fact]
    public async Task DeleteAsync_StorageDown_OpensTheBreaker()
    {
        _h.Faults.Down = true;

        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TableStorageException>(() => Tables.DeleteAsync("t", "p", $"r{i}", "*"));

        Assert.Equal(CircuitState.Open, Circuits.Storage.State);
    }

    [Fact]
    public async Task QueryAsync_SeveralRows_StreamsThemAll()
    {
        foreach (var key in new[] { "a", "b", "c" })
            await Tables.UpsertAsync("t", new TableRow("p", key, new Dictionary<string, object?>()));

        Assert.Equal(["a", "b", "c"], (await QueryAsync()).Select(r => r.RowKey));
        Assert.Equal(CircuitState.Closed, Circuits.Storage.State);
    }

    [Fact]
    public async Task SendAsync_BusDown_OpensTheBusBreakerThenFailsWithoutReachingTheBus()
    {
        _bus.SendFault = new TimeoutException("bus down");
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TimeoutException>(() => _h.Get<IMessagePublisher>().SendAsync(new OutboundMessage($"m-{i}", "{}"u8.ToArray())));
        Assert.Equal(CircuitState.Open, Circuits.Bus.State);
        Assert.Equal(CircuitState.Closed, Circuits.Storage.State);
        var attempts = _bus.Entries.Count;
        _bus.SendFault = null;

        await Assert.ThrowsAsync<BrokenCircuitException>(() => _h.Get<IMessagePublisher>().SendAsync(new OutboundMessage("m-9", "{}"u8.ToArray())));

        Assert.Equal(attempts, _bus.Entries.Count);
    }
}
