using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Contracts;

/// <summary>Assertions on the classified failures of the table port.</summary>
public static class TableAssert
{
    public static async Task<TableStorageException> FailsAsync(TableErrorKind expected, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<TableStorageException>(action);
        Assert.Equal(expected, ex.Kind);
        return ex;
    }

    public static async Task<IReadOnlyList<TableRow>> ListAsync(ITableStore store, string table, TableQuery query)
    {
        var rows = new List<TableRow>();
        await foreach (var row in store.QueryAsync(table, query))
            rows.Add(row);
        return rows;
    }

    public static async Task<string?> ValueAsync(ITableStore store, string table, string partitionKey, string rowKey) =>
        (await store.GetAsync(table, partitionKey, rowKey))?.GetString("Value");
}
