namespace AsyncFunctions.Core.Storage;

/// <summary>
/// The storage port, shaped like Azure Table Storage so the in-memory and Azure implementations
/// cannot drift: point reads, insert-if-absent (409), update-if-ETag-matches (412), and atomic
/// transactions of at most 100 operations within one partition. Failures are
/// <see cref="TableStorageException"/>s.
/// </summary>
public interface ITableStore
{
    /// <summary>Point read; null when the entity does not exist.</summary>
    Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts; throws <see cref="TableErrorKind.AlreadyExists"/> if present. Returns the new ETag.</summary>
    Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>Replaces if the ETag matches ("*" matches any); 404 or 412 otherwise. Returns the new ETag.</summary>
    Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces unconditionally. Returns the new ETag.</summary>
    Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>Deletes if the ETag matches ("*" matches any); 404 or 412 otherwise.</summary>
    Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// All-or-nothing: every action applies or none does. At most 100 actions, one partition, each
    /// entity at most once (400 otherwise). Returns the new ETag of each action in order ("" for deletes).
    /// </summary>
    Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default);

    /// <summary>Rows matching the query, in PartitionKey then RowKey order.</summary>
    IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default);
}
