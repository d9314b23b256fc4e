using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Faults;

/// <summary>
/// Makes every table call take about a network round-trip. In memory every call completes at once, so
/// concurrent consumers never overlap and the races a real store sees (two consumers between read and
/// commit) would never show in the conflict counts, and a host being stopped would have nothing in flight.
/// </summary>
public sealed class RoundTripDelayStore(ITableStore inner, TimeSpan roundTrip) : ITableStore
{
    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        return await inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public async Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        return await inner.AddAsync(table, row, cancellationToken);
    }

    public async Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        return await inner.UpdateAsync(table, row, ifMatch, cancellationToken);
    }

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        return await inner.UpsertAsync(table, row, cancellationToken);
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        await inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        return await inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        await foreach (var row in inner.QueryAsync(table, query, cancellationToken))
            yield return row;
    }
}
