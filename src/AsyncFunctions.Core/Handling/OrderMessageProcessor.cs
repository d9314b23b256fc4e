using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Handling;

/// <summary>
/// Handles one order message: the assigner decides under the <see cref="TransientFailurePolicy"/> (retry in
/// process, then a delayed copy; never a burnt delivery), and the <see cref="MessageProcessor"/> skeleton
/// settles. Anything the policy lets escape abandons, so a poison message reaches MaxDeliveryCountExceeded.
/// </summary>
public sealed class OrderMessageProcessor(OrderAssigner assigner, OutcomeSettler settler, TransientFailurePolicy policy, ILogger<OrderMessageProcessor> logger)
    : MessageProcessor(settler, logger)
{
    protected override string Kind => "Order message";

    protected override Task<MessageOutcome> DecideAsync(InboundMessage message, CancellationToken cancellationToken) =>
        policy.RunAsync(message, ct => assigner.HandleAsync(message, ct), cancellationToken);
}
