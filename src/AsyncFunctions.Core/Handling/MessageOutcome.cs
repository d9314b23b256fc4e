using AsyncFunctions.Core.Messaging;
namespace AsyncFunctions.Core.Handling;

/// <summary>What the engine decided about one message; hosts turn it into settlement and nothing else.</summary>
public abstract record MessageOutcome(string Note)
{
    /// <summary>Done (processed, or a harmless duplicate): complete the message.</summary>
    public sealed record Complete(string Note) : MessageOutcome(Note);

    /// <summary>Not now: schedule <see cref="Next"/>, then complete this copy.</summary>
    public sealed record RetryLater(OutboundMessage Next, string Note) : MessageOutcome(Note);

    /// <summary>Can never succeed: dead-letter now with a reason and a description.</summary>
    public sealed record DeadLetter(string Reason, string Description) : MessageOutcome(Description);

    /// <summary>May succeed later (transient failure): abandon so the broker redelivers.</summary>
    public sealed record Abandon(string Note) : MessageOutcome(Note);
}
