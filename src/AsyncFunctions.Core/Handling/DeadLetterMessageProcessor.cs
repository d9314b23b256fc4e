using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Handling;

/// <summary>
/// Handles one message from the dead-letter sub-queue: record it durably, then complete. A failure
/// abandons, since the dead-letter queue has no dead-letter queue of its own: the message stays until recorded.
/// </summary>
public sealed class DeadLetterMessageProcessor(DeadLetterRecorder recorder, OutcomeSettler settler, ILogger<DeadLetterMessageProcessor> logger)
    : MessageProcessor(settler, logger)
{
    protected override string Kind => "Dead-lettered message";

    protected override Task<MessageOutcome> DecideAsync(InboundMessage message, CancellationToken cancellationToken) =>
        recorder.RecordAsync(message, cancellationToken);
}
