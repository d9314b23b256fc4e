namespace AsyncFunctions.Core.Storage;

/// <summary>A failed table operation, classified so callers never look at transport details.</summary>
public sealed class TableStorageException : Exception
{
    public TableStorageException(TableErrorKind kind, string message, int? failedActionIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        FailedActionIndex = failedActionIndex;
    }

    public TableStorageException() : this(TableErrorKind.Transient, "Table operation failed.") { }

    public TableStorageException(string message) : this(TableErrorKind.Transient, message) { }

    public TableStorageException(string message, Exception innerException)
        : this(TableErrorKind.Transient, message, null, innerException) { }

    public TableErrorKind Kind { get; }

    /// <summary>In a failed transaction, the index of the action that failed (like TableTransactionFailedException).</summary>
    public int? FailedActionIndex { get; }

    public bool IsTransient => Kind == TableErrorKind.Transient;
}
