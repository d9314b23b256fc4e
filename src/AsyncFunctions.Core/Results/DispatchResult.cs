using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Core.Results;

/// <summary>The result of a command or query: a value, or a kind of failure with a human-readable detail.</summary>
public sealed record DispatchResult<T>(ResultKind Kind, T? Value, string? Title = null, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Kind is ResultKind.Ok or ResultKind.Created or ResultKind.Accepted;

    public static DispatchResult<T> Ok(T value) => new(ResultKind.Ok, value);

    public static DispatchResult<T> Created(T value) => new(ResultKind.Created, value);

    public static DispatchResult<T> Accepted(T value) => new(ResultKind.Accepted, value);

    public static DispatchResult<T> NotFound(string detail) => new(ResultKind.NotFound, default, "Not found", detail);

    public static DispatchResult<T> Conflict(string title, string detail) => new(ResultKind.Conflict, default, title, detail);

    /// <summary>Every attempt lost an ETag race (see <see cref="Concurrency.ConflictRetry"/>).</summary>
    public static DispatchResult<T> Contended(string detail) => new(ResultKind.Contended, default, "Busy, try again", detail);

    public static DispatchResult<T> Malformed(string detail) => new(ResultKind.Malformed, default, "Malformed request body", detail);

    public static DispatchResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ResultKind.Invalid, default, "Invalid request", "One or more fields are invalid; see errors.", errors);

    /// <summary>Carries a parse failure of another type over to this result type.</summary>
    public static DispatchResult<T> FromParseFailure<TParsed>(Orders.ParseResult<TParsed> parse) where TParsed : class =>
        parse.MalformedReason is { } reason ? Malformed(reason) : Invalid(parse.Errors.ToDictionary());
}
