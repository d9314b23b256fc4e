using System.Text;
using AsyncFunctions.Azure.Tests.Azurite;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Azure.Tests.Migration;

/// <summary>
/// The one-off index migration on the real <see cref="Azure.Tables.AzureTableStore"/>: its scan, its If-Match
/// transactions (order + index rows) and its idempotence, as Azurite's table service applies them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PendingIndexMigrationOnAzuriteTests(AzuriteFixture azurite) : IDisposable
{
    private readonly ServiceProvider _services = Engine(new TablePerTestStore(azurite.CreateServiceClient()));

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Engine(ITableStore store)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDispatchCore().UseTableStore(_ => store).UsePublisher(_ => new InMemoryQueue("orders"));
        return services.BuildServiceProvider();
    }

    private DispatchStore Store => _services.GetRequiredService<DispatchStore>();

    private async Task<List<TableRow>> DispatchRowsAsync()
    {
        var rows = new List<TableRow>();
        await foreach (var row in Store.Tables.QueryAsync(Store.Names.DispatchTable, new TableQuery()))
            rows.Add(row);
        return rows;
    }

    private async Task SubmitAsync(string orderId, string zone)
    {
        var body = $$"""{"orderId":"{{orderId}}","zone":"{{zone}}","pickup":{"lat":48.85,"lon":2.35},"dropoff":{"lat":48.86,"lon":2.36},"items":[{"sku":"a","quantity":1}]}""";
        var result = await _services.GetRequiredService<OrderIntake>().SubmitAsync(Encoding.UTF8.GetBytes(body), null, "test", null, CancellationToken.None);
        Assert.Equal(ResultKind.Accepted, result.Kind);
    }

    /// <summary>What a table written before the index looked like: no index rows, no zone list, orders naming no rows.</summary>
    private async Task StripIndexAsync()
    {
        foreach (var row in await DispatchRowsAsync())
        {
            if (PendingIndexCheck.IsIndexRow(row.RowKey) || row.PartitionKey == EntityKeys.ZoneListPartition)
                await Store.Tables.DeleteAsync(Store.Names.DispatchTable, row.PartitionKey, row.RowKey, "*");
            else if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
                await Store.Tables.UpsertAsync(Store.Names.DispatchTable, row with { Properties = new Dictionary<string, object?>(row.Properties) { [OrderColumns.ScheduleIndexKey] = null } });
        }
    }

    [Fact]
    public async Task RunAsync_PreIndexOrdersOnAzurite_IndexedOnceZonesListedSecondRunWritesNothing()
    {
        await SubmitAsync("m-1", "north");
        await SubmitAsync("m-2", "north");
        await SubmitAsync("m-3", "south");
        await StripIndexAsync();
        // Two per order: it names no row where its state needs its due row, and that row is missing.
        Assert.Equal(6, PendingIndexCheck.Disagreements(await DispatchRowsAsync()).Count);
        var migration = _services.GetRequiredService<PendingIndexMigration>();

        var first = await migration.RunAsync(CancellationToken.None);
        var rowsAfterFirst = await DispatchRowsAsync();
        var second = await migration.RunAsync(CancellationToken.None);

        Assert.Equal((2, 3, 3), (first.Zones, first.Orders, first.Written));
        Assert.Empty(PendingIndexCheck.Disagreements(rowsAfterFirst));
        Assert.Equal(["north", "south"], await Store.ListZonesAsync(CancellationToken.None));
        Assert.Equal(0, second.Written);
        Assert.Equal(rowsAfterFirst.Select(r => (r.RowKey, r.ETag)), (await DispatchRowsAsync()).Select(r => (r.RowKey, r.ETag)));
    }
}
