using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Core.Concurrency;

/// <summary>What <see cref="ConflictRetry"/> ended with: the attempt's value, or contention with a detail for the caller.</summary>
public sealed record Attempted<T>
{
    private Attempted(T? value, string? contentionDetail)
    {
        Value = value;
        ContentionDetail = contentionDetail;
    }

    public T? Value { get; }

    /// <summary>Set when every attempt lost an ETag race.</summary>
    public string? ContentionDetail { get; }

    [MemberNotNullWhen(true, nameof(ContentionDetail))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsContended => ContentionDetail is not null;

    public static Attempted<T> Done(T value) => new(value, null);

    public static Attempted<T> Contended(string detail) => new(default, detail);
}
