using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Handling;

/// <summary>
/// The one skeleton every message handler runs, for any host: decide, classify a failure, settle
/// exactly once. Subclasses supply only the decision, so the order and dead-letter paths cannot drift.
/// </summary>
public abstract partial class MessageProcessor(OutcomeSettler settler, ILogger logger)
{
    /// <summary>The note of the outcome when the host cancelled the decision.</summary>
    public const string ShutdownNote = "Host is shutting down.";

    public async Task<MessageOutcome> ProcessAsync(InboundMessage message, IMessageSettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Every delivery is a billed receive, whatever becomes of it (a redelivery counts again).
        settler.Metrics.Receive(Destination);
        using var delivery = ConsumerSpan.Start(message, Destination);
        // Every log line of this delivery, from any logger, carries its trace and order (console JSON, Azure Monitor).
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["TraceId"] = Activity.Current?.TraceId.ToString(),
            ["OrderId"] = OrderMessages.OrderIdOf(message.MessageId, message.ApplicationProperties),
        });
        var outcome = await DecideOrClassifyAsync(message, cancellationToken);
        LogOutcome(logger, Kind, message.MessageId, outcome.GetType().Name, outcome.Note);
        delivery?.SetTag(DispatchTags.Outcome, outcome.GetType().Name);
        using (var settle = DispatchTracing.StartInternal("settle"))
        {
            settle?.SetTag(DispatchTags.Outcome, outcome.GetType().Name);
            // Not the host's token: settling is how a message is handed back, and must happen even while shutting down.
            await settler.SettleAsync(outcome, settlement, CancellationToken.None);
        }

        return outcome;
    }

    /// <summary>The queue the message came from, for span names ("orders", "orders/$deadletterqueue").</summary>
    protected virtual string Destination => DispatchTracing.QueueName;

    /// <summary>What the message is, for logs ("Order message", "Dead-lettered message").</summary>
    protected abstract string Kind { get; }

    /// <summary>The decision about one message. Exceptions are classified by the skeleton, never settled here.</summary>
    protected abstract Task<MessageOutcome> DecideAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>Runs before a failed decision is abandoned; by default nothing (the broker's redelivery paces it).</summary>
    protected virtual Task BeforeAbandonAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<MessageOutcome> DecideOrClassifyAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await DecideAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the message back now rather than waiting for the lock to expire.
            return new MessageOutcome.Abandon(ShutdownNote);
        }
        catch (Exception ex)
        {
            // Anything that escapes may pass (storage throttled or down): abandon, so the broker redelivers and,
            // for a poison message, dead-letters after maxDeliveryCount.
            LogFailed(logger, ex, Kind, message.MessageId, message.DeliveryCount);
            await BeforeAbandonAsync(cancellationToken);
            return new MessageOutcome.Abandon($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {MessageId} failed on delivery {DeliveryCount}; abandoning it for redelivery")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string messageId, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {MessageId}: {Outcome} ({Note})")]
    private static partial void LogOutcome(ILogger logger, string kind, string messageId, string outcome, string note);
}
