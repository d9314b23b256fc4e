using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// A subscription's rule, as Service Bus evaluates the two forms infra/ deploys: <c>1=1</c> (everything, the
/// operations subscription) and <c>{property} = '{value}'</c> on an application property (a partner's subscription,
/// on <c>source</c>). A message without the property does not match, as in SQL.
/// </summary>
public sealed record SubscriptionFilter(string? Property, string? Value)
{
    public static SubscriptionFilter All { get; } = new(null, null);

    public static SubscriptionFilter PropertyEquals(string property, string value) => new(property, value);

    /// <summary>The same rule as a Service Bus SQL filter expression (what the Bicep writes).</summary>
    public string SqlExpression => Property is null ? "1=1" : $"{Property} = '{Value?.Replace("'", "''", StringComparison.Ordinal)}'";

    public bool Matches(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Property is null)
            return true;
        return message.ApplicationProperties.TryGetValue(Property, out var value) && value is string text && string.Equals(text, Value, StringComparison.Ordinal);
    }
}
