using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Handling;

/// <summary>
/// Maps an outcome to exactly one settlement call. Written once so that the Functions app and the
/// local host settle identically: a retry is scheduled before the current copy is completed, so a
/// crash in between leaves a duplicate (harmless) rather than a lost order.
/// </summary>
public sealed partial class OutcomeSettler(IMessagePublisher publisher, DispatchMetrics metrics, ILogger<OutcomeSettler> logger, TransientFailurePolicy? policy = null)
{
    /// <summary>
    /// A deliberately broken order (complete, then schedule) that only tests/AsyncFunctions.Concurrency.Tests
    /// switches on, to prove its harness catches a retry lost with the lock. Never set in a host.
    /// </summary>
    internal bool CompletesBeforeSchedulingForTesting { get; set; }

    /// <summary>The metrics settlements are counted on, so the handler skeleton counts receives beside them.</summary>
    internal DispatchMetrics Metrics => metrics;

    public async Task SettleAsync(MessageOutcome outcome, IMessageSettlement settlement, CancellationToken cancellationToken = default)
    {
        settlement = new MeteredSettlement(settlement, metrics);
        switch (outcome)
        {
            case MessageOutcome.Complete:
                await settlement.CompleteAsync(cancellationToken);
                break;
            case MessageOutcome.RetryLater retry when CompletesBeforeSchedulingForTesting:
                await settlement.CompleteAsync(cancellationToken);
                await TryScheduleAsync(retry.Next, cancellationToken);
                break;
            case MessageOutcome.RetryLater retry:
                if (await TryScheduleAsync(retry.Next, cancellationToken))
                {
                    await settlement.CompleteAsync(cancellationToken);
                }
                else
                {
                    // The bus refused the copy: hand this one back at the policy's pace, not in a hot loop.
                    if (policy is not null)
                        await policy.HoldAsync(Dependency.Bus, cancellationToken);
                    await settlement.AbandonAsync(cancellationToken);
                }
                break;
            case MessageOutcome.DeadLetter dead:
                metrics.DeadLettered(dead.Reason);
                await settlement.DeadLetterAsync(dead.Reason, Truncate(dead.Description), cancellationToken);
                break;
            case MessageOutcome.Abandon:
                await settlement.AbandonAsync(cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
    }

    private async Task<bool> TryScheduleAsync(OutboundMessage next, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.SendAsync(next, cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Abandoning hands this copy back to decide again. Where the order was already moved on before the send
            // (AwaitingDriver with a new attempt, or a schedule recorded), the redelivery completes as superseded or
            // already scheduled, and the order's overdue NextAttemptAt is what the sweeper re-publishes.
            LogScheduleFailed(logger, ex, next.MessageId);
            return false;
        }
    }

    // Service Bus caps the dead-letter error description at 4096 characters.
    private static string Truncate(string description) =>
        description.Length <= 4096 ? description : string.Concat(description.AsSpan(0, 4093), "...");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule retry message {MessageId}; abandoning the current copy instead")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string messageId);
}
