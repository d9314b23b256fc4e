namespace AsyncFunctions.Core.Storage;

/// <summary>Table Storage service limits the in-memory store enforces too, so tests catch what Azure would refuse.</summary>
public static class TableLimits
{
    public const int MaxTransactionActions = 100;
    public const int MaxKeyLength = 1024;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxPropertyCount = 252;
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Characters Table Storage refuses in PartitionKey and RowKey.</summary>
    public static bool IsValidKey(string key) =>
        key.Length <= MaxKeyLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
