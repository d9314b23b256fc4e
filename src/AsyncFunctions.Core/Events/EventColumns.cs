namespace AsyncFunctions.Core.Events;

/// <summary>The property names of event rows and pending markers.</summary>
public static class EventColumns
{
    public const string Stream = nameof(Stream);
    public const string Sequence = nameof(Sequence);
    public const string Type = nameof(Type);
    public const string Subject = nameof(Subject);
    public const string Time = nameof(Time);

    /// <summary>The partner (or "http") the order or refused message came from; the subscriptions filter on it.</summary>
    public const string Partner = nameof(Partner);

    public const string Data = nameof(Data);

    /// <summary>On a marker: when it was written, so the sweep leaves fresh ones to the hot path.</summary>
    public const string CreatedAt = nameof(CreatedAt);
}
