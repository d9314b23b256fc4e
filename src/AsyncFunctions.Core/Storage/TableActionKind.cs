namespace AsyncFunctions.Core.Storage;

/// <summary>Operations allowed inside an entity-group transaction (replace semantics only: no merges).</summary>
public enum TableActionKind
{
    Add,
    UpdateReplace,
    UpsertReplace,
    Delete,
}
