using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Messaging;

/// <summary>
/// The whole handling of one order message, for any host: decide, then settle exactly once.
/// Failures that may pass go through the <see cref="TransientFailurePolicy"/> (retry in process, then a
/// delayed copy; never a burnt delivery); anything else abandons, so a poison message reaches the
/// broker's MaxDeliveryCountExceeded.
/// </summary>
public sealed partial class OrderMessageProcessor(OrderAssigner assigner, OutcomeSettler settler, TransientFailurePolicy policy, ILogger<OrderMessageProcessor> logger)
{
    public async Task<MessageOutcome> ProcessAsync(InboundMessage message, IMessageSettlement settlement, CancellationToken cancellationToken)
    {
        MessageOutcome outcome;
        try
        {
            outcome = await policy.RunAsync(message, ct => assigner.HandleAsync(message, ct), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the message back now rather than waiting for the lock to expire.
            outcome = new MessageOutcome.Abandon("Host is shutting down.");
            await settler.SettleAsync(outcome, settlement, CancellationToken.None);
            return outcome;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, message.MessageId, message.DeliveryCount);
            outcome = new MessageOutcome.Abandon($"{ex.GetType().Name}: {ex.Message}");
        }

        LogOutcome(logger, message.MessageId, outcome.GetType().Name, outcome.Note);
        await settler.SettleAsync(outcome, settlement, CancellationToken.None);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order message {MessageId} failed on delivery {DeliveryCount}; abandoning it for redelivery")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageId, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order message {MessageId}: {Outcome} ({Note})")]
    private static partial void LogOutcome(ILogger logger, string messageId, string outcome, string note);
}
