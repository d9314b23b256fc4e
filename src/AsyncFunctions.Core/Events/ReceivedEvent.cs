namespace AsyncFunctions.Core.Events;

/// <summary>An order event as a consumer reads it off a subscription (see <see cref="CloudEventMessages.Read"/>).</summary>
public sealed record ReceivedEvent(
    string SpecVersion,
    string Id,
    string Source,
    string Type,
    string Subject,
    DateTimeOffset Time,
    int Sequence,
    string Partner,
    string Data);
