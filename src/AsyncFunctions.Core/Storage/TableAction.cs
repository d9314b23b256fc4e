namespace AsyncFunctions.Core.Storage;

/// <summary>One operation of an entity-group transaction; <see cref="IfMatch"/> guards updates and deletes.</summary>
public sealed record TableAction(TableActionKind Kind, TableRow Row, string? IfMatch = null)
{
    public static TableAction Add(TableRow row) => new(TableActionKind.Add, row);

    public static TableAction Update(TableRow row, string ifMatch) => new(TableActionKind.UpdateReplace, row, ifMatch);

    public static TableAction Upsert(TableRow row) => new(TableActionKind.UpsertReplace, row);

    public static TableAction Delete(TableRow row, string ifMatch) => new(TableActionKind.Delete, row, ifMatch);
}
