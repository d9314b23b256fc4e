using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Handling;

/// <summary>
/// Handles one message from the dead-letter sub-queue: record it durably, then complete. While storage
/// fails it retries in process and then holds the message before abandoning it (<see cref="TransientFailurePolicy"/>),
/// since the dead-letter queue has no dead-letter queue of its own: the message stays until recorded.
/// </summary>
public sealed class DeadLetterMessageProcessor(DeadLetterRecorder recorder, OutcomeSettler settler, TransientFailurePolicy policy, ILogger<DeadLetterMessageProcessor> logger)
    : MessageProcessor(settler, logger)
{
    protected override string Kind => "Dead-lettered message";

    protected override string Destination => DispatchTracing.QueueName + "/$deadletterqueue";

    protected override Task<MessageOutcome> DecideAsync(InboundMessage message, CancellationToken cancellationToken) =>
        policy.RunRecordingAsync(message, ct => recorder.RecordAsync(message, ct), cancellationToken);

    // Abandoning at once would bring the message straight back and spin while storage is down.
    protected override Task BeforeAbandonAsync(CancellationToken cancellationToken) =>
        policy.HoldAsync(Dependency.Storage, cancellationToken);
}
