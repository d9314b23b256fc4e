using System.Diagnostics;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// A producer span per send, whose context is written into the message (<see cref="TraceContextProperties"/>)
/// so the consumer continues it. A message that already carries a context (a follow-up built from an order
/// that remembers its trace: a retry, a sweep, a replay) keeps the order's trace as its parent, and the span
/// links to the work that sent it (the sweep, the replay request), so one order stays one trace.
/// </summary>
public sealed class TracingPublisher(IMessagePublisher inner) : IMessagePublisher
{
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (parent, links) = TraceContextProperties.ParentOf(TraceContextProperties.Extract(message.ApplicationProperties));
        var operation = message.ScheduledEnqueueTime is null ? "send" : "schedule";
        using var activity = DispatchTracing.Source.StartActivity($"{operation} {DispatchTracing.QueueName}", ActivityKind.Producer, parent, links: links);
        if (activity is null)
        {
            await inner.SendAsync(message, cancellationToken);
            return;
        }

        activity.SetTag(DispatchTags.MessagingSystem, DispatchTags.ServiceBus);
        activity.SetTag(DispatchTags.MessagingOperationType, "send");
        activity.SetTag(DispatchTags.MessagingOperationName, operation);
        activity.SetTag(DispatchTags.MessagingDestination, DispatchTracing.QueueName);
        activity.SetTag(DispatchTags.MessagingMessageId, message.MessageId);
        activity.SetTag(DispatchTags.OrderId, OrderMessages.OrderIdOf(message.MessageId, message.ApplicationProperties));
        if (message.ApplicationProperties.TryGetValue(MessageProperties.Reason, out var reason))
            activity.SetTag(DispatchTags.Reason, reason);
        if (message.ApplicationProperties.TryGetValue(MessageProperties.Attempt, out var attempt))
            activity.SetTag(DispatchTags.Attempt, attempt);
        try
        {
            await inner.SendAsync(message with { ApplicationProperties = TraceContextProperties.Inject(message.ApplicationProperties, activity) }, cancellationToken);
        }
        catch (Exception ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
