using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Core.Orders;

/// <summary>The value parsed from a body, or why it could not be: malformed JSON or invalid fields.</summary>
public sealed record ParseResult<T>(T? Value, string? MalformedReason, ValidationErrors Errors)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    public static ParseResult<T> Malformed(string reason) => new(null, reason, new ValidationErrors());

    public static ParseResult<T> Invalid(ValidationErrors errors) => new(null, null, errors);

    public static ParseResult<T> Valid(T value) => new(value, null, new ValidationErrors());
}
