using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>
/// One journal for both sides of a settlement, sends and settlement calls in the order they happened,
/// so a test can tell "schedule, then complete" from "complete, then schedule". Sends fail on demand.
/// </summary>
public sealed class SettlementJournal : IMessagePublisher, IMessageSettlement
{
    public List<string> Entries { get; } = [];

    public List<OutboundMessage> Sent { get; } = [];

    public string? DeadLetterDescription { get; private set; }

    /// <summary>Thrown by every send while set.</summary>
    public Exception? SendFault { get; set; }

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (SendFault is { } fault)
        {
            Entries.Add("send-failed");
            throw fault;
        }

        Entries.Add("send");
        Sent.Add(message);
        return Task.CompletedTask;
    }

    public Task CompleteAsync(CancellationToken cancellationToken = default) => Record("complete");

    public Task AbandonAsync(CancellationToken cancellationToken = default) => Record("abandon");

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default)
    {
        DeadLetterDescription = description;
        return Record($"deadletter:{reason}");
    }

    private Task Record(string entry)
    {
        Entries.Add(entry);
        return Task.CompletedTask;
    }
}
