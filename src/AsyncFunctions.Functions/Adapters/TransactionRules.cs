using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Functions.Adapters;

/// <summary>
/// The entity-group transaction rules, checked before the round-trip so that a batch the service
/// would refuse with 400 fails the same way (and with the same message) as in the in-memory store.
/// </summary>
internal static class TransactionRules
{
    public static void Check(IReadOnlyList<TableAction> actions)
    {
        if (actions.Count is 0 or > TableLimits.MaxTransactionActions)
            throw BadRequest($"A transaction holds 1 to {TableLimits.MaxTransactionActions} actions; this one has {actions.Count}.");
        if (actions.Select(a => a.Row.PartitionKey).Distinct(StringComparer.Ordinal).Count() > 1)
            throw BadRequest("All actions of a transaction must share one PartitionKey.");
        if (actions.Select(a => a.Row.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
            throw BadRequest("A transaction may touch each entity only once.");
        foreach (var action in actions)
            TableEntityConverter.Check(action.Row);
    }

    private static TableStorageException BadRequest(string message) => new(TableErrorKind.BadRequest, message);
}
