using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tables;

/// <summary>
/// The core's storage port over Azure Table Storage (or Azurite). Conditional writes carry the
/// caller's ETag as If-Match, transactions are entity-group transactions, and every service failure
/// becomes a <see cref="TableStorageException"/> with the same kind the in-memory store would raise.
/// </summary>
public sealed class AzureTableStore(TableServiceClient service) : ITableStore
{
    /// <summary>Table Storage returns at most 1,000 entities per page.</summary>
    private const int MaxPageSize = 1000;

    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        TableErrors.GuardAsync<TableRow?>(async () =>
        {
            // Nothing can be stored under such a key, and the service would answer 400 rather than "absent".
            if (!TableLimits.IsValidKey(partitionKey) || !TableLimits.IsValidKey(rowKey))
                return null;
            var response = await Table(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return response.HasValue ? TableEntityConverter.ToRow(response.Value!) : null;
        }, cancellationToken);

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        TableErrors.GuardAsync(async () =>
        {
            var response = await Table(table).AddEntityAsync(TableEntityConverter.ToEntity(row), cancellationToken);
            return TableEntityConverter.ETagOf(response);
        }, cancellationToken);

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        TableErrors.GuardAsync(async () =>
        {
            var entity = TableEntityConverter.ToEntity(row);
            if (string.IsNullOrEmpty(ifMatch))
                throw await NeverMatchesAsync(table, row, index: null, cancellationToken);
            var response = await Table(table).UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken);
            return TableEntityConverter.ETagOf(response);
        }, cancellationToken);

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        TableErrors.GuardAsync(async () =>
        {
            var response = await Table(table).UpsertEntityAsync(TableEntityConverter.ToEntity(row), TableUpdateMode.Replace, cancellationToken);
            return TableEntityConverter.ETagOf(response);
        }, cancellationToken);

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        TableErrors.GuardAsync(async () =>
        {
            var row = new TableRow(partitionKey, rowKey, new Dictionary<string, object?>());
            TableRules.CheckRow(row);
            if (string.IsNullOrEmpty(ifMatch))
                throw await NeverMatchesAsync(table, row, index: null, cancellationToken);
            // The SDK answers a missing entity with a 404 response instead of an exception; the port says NotFound.
            var response = await Table(table).DeleteEntityAsync(partitionKey, rowKey, new ETag(ifMatch), cancellationToken);
            if (response.Status == (int)HttpStatusCode.NotFound)
                throw new TableStorageException(TableErrorKind.NotFound, $"Entity {partitionKey}/{rowKey} does not exist.");
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        TableErrors.GuardAsync<IReadOnlyList<string>>(async () =>
        {
            TableRules.CheckTransaction(actions);
            var batch = new List<TableTransactionAction>(actions.Count);
            for (var i = 0; i < actions.Count; i++)
                batch.Add(await ToTransactionActionAsync(table, actions[i], i, cancellationToken));

            var response = await Table(table).SubmitTransactionAsync(batch, cancellationToken);
            var etags = new string[actions.Count];
            for (var i = 0; i < actions.Count; i++)
                etags[i] = actions[i].Kind == TableActionKind.Delete ? string.Empty : TableEntityConverter.ETagOf(response.Value[i]);
            return etags;
        }, cancellationToken);

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var take = query.Take ?? int.MaxValue;
        if (take <= 0)
            yield break;

        var filter = TableQueryFilter.Build(query);
        var pages = Table(table).QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, MaxPageSize), cancellationToken: cancellationToken);
        await using var entities = pages.GetAsyncEnumerator(cancellationToken);
        var returned = 0;
        while (returned < take && await TableErrors.GuardAsync(async () => await entities.MoveNextAsync(), cancellationToken))
        {
            returned++;
            yield return TableEntityConverter.ToRow(entities.Current);
        }
    }

    private async Task<TableTransactionAction> ToTransactionActionAsync(string table, TableAction action, int index, CancellationToken cancellationToken)
    {
        var entity = action.Kind == TableActionKind.Delete
            ? new TableEntity(action.Row.PartitionKey, action.Row.RowKey)
            : TableEntityConverter.ToEntity(action.Row);
        if (action.Kind is TableActionKind.UpdateReplace or TableActionKind.Delete && string.IsNullOrEmpty(action.IfMatch))
            throw await NeverMatchesAsync(table, action.Row, index, cancellationToken);

        return action.Kind switch
        {
            TableActionKind.Add => new TableTransactionAction(TableTransactionActionType.Add, entity),
            TableActionKind.UpdateReplace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(action.IfMatch!)),
            TableActionKind.UpsertReplace => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
            TableActionKind.Delete => new TableTransactionAction(TableTransactionActionType.Delete, entity, new ETag(action.IfMatch!)),
            _ => throw new TableStorageException(TableErrorKind.BadRequest, $"Unknown table action {action.Kind}.", index),
        };
    }

    /// <summary>
    /// An empty If-Match would be sent as no condition at all. The core means "must match a version I
    /// read", which no entity can: answer as the service would for a stale ETag (404 if absent, else 412).
    /// </summary>
    private async Task<TableStorageException> NeverMatchesAsync(string table, TableRow row, int? index, CancellationToken cancellationToken)
    {
        var current = await Table(table).GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
        var what = $"{row.PartitionKey}/{row.RowKey}";
        return current.HasValue
            ? new TableStorageException(TableErrorKind.PreconditionFailed, $"Entity {what} changed since it was read (no ETag given).", index)
            : new TableStorageException(TableErrorKind.NotFound, $"Entity {what} does not exist.", index);
    }

    private TableClient Table(string name) => _tables.GetOrAdd(name, service.GetTableClient);
}
