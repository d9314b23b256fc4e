using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>Records how a message was settled, and fails the test if it is settled twice.</summary>
public sealed class RecordingSettlement : IMessageSettlement
{
    public string? Settled { get; private set; }

    public string? DeadLetterReason { get; private set; }

    public string? DeadLetterDescription { get; private set; }

    public bool Completed => Settled == "complete";

    public bool Abandoned => Settled == "abandon";

    public bool DeadLettered => Settled == "deadletter";

    public Task CompleteAsync(CancellationToken cancellationToken = default) => Record("complete");

    public Task AbandonAsync(CancellationToken cancellationToken = default) => Record("abandon");

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default)
    {
        DeadLetterReason = reason;
        DeadLetterDescription = description;
        return Record("deadletter");
    }

    private Task Record(string settlement)
    {
        Assert.True(Settled is null, $"Message settled twice: {Settled}, then {settlement}.");
        Settled = settlement;
        return Task.CompletedTask;
    }
}
