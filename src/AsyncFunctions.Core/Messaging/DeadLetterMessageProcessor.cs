using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Messaging;

/// <summary>
/// Handles one message from the dead-letter sub-queue: record it durably, then complete. While storage
/// fails it retries in process and then holds the message before abandoning it (<see cref="TransientFailurePolicy"/>).
/// </summary>
public sealed partial class DeadLetterMessageProcessor(DeadLetterRecorder recorder, OutcomeSettler settler, TransientFailurePolicy policy, ILogger<DeadLetterMessageProcessor> logger)
{
    public async Task<MessageOutcome> ProcessAsync(InboundMessage message, IMessageSettlement settlement, CancellationToken cancellationToken)
    {
        MessageOutcome outcome;
        try
        {
            outcome = await policy.RunRecordingAsync(message, ct => recorder.RecordAsync(message, ct), cancellationToken);
        }
        catch (Exception ex)
        {
            // The dead-letter queue has no dead-letter queue of its own: keep the message until it is recorded.
            LogFailed(logger, ex, message.MessageId);
            await policy.HoldAsync(Dependency.Storage, cancellationToken);
            outcome = new MessageOutcome.Abandon($"{ex.GetType().Name}: {ex.Message}");
        }

        await settler.SettleAsync(outcome, settlement, CancellationToken.None);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered message {MessageId} could not be recorded; abandoning it for another try")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageId);
}
