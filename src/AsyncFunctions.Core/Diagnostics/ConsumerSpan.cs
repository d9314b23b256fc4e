using System.Diagnostics;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// The consumer span of one delivery, parented on the context the message carries (our producer's, or a
/// partner's <c>traceparent</c>), so the hop through the queue does not break the trace. When the host
/// already runs a span of its own (the Functions invocation), the delivery links to it.
/// </summary>
public static class ConsumerSpan
{
    public static Activity? Start(InboundMessage message, string destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (parent, links) = TraceContextProperties.ParentOf(TraceContextProperties.Extract(message.ApplicationProperties));
        var activity = DispatchTracing.Source.StartActivity($"process {destination}", ActivityKind.Consumer, parent, links: links);
        if (activity is null)
            return null;
        activity.SetTag(DispatchTags.MessagingSystem, DispatchTags.ServiceBus);
        activity.SetTag(DispatchTags.MessagingOperationType, "process");
        activity.SetTag(DispatchTags.MessagingOperationName, "process");
        activity.SetTag(DispatchTags.MessagingDestination, destination);
        activity.SetTag(DispatchTags.MessagingMessageId, message.MessageId);
        activity.SetTag(DispatchTags.MessagingDeliveryCount, message.DeliveryCount);
        activity.SetTag(DispatchTags.OrderId, OrderMessages.OrderIdOf(message.MessageId, message.ApplicationProperties));
        activity.SetTag(DispatchTags.Attempt, OrderMessages.AttemptOf(message));
        return activity;
    }
}
