using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Core.Handling;

/// <summary>Handles one order message: the assigner decides, the <see cref="MessageProcessor"/> skeleton settles.</summary>
public sealed class OrderMessageProcessor(OrderAssigner assigner, OutcomeSettler settler, ILogger<OrderMessageProcessor> logger)
    : MessageProcessor(settler, logger)
{
    protected override string Kind => "Order message";

    protected override Task<MessageOutcome> DecideAsync(InboundMessage message, CancellationToken cancellationToken) =>
        assigner.HandleAsync(message, cancellationToken);
}
