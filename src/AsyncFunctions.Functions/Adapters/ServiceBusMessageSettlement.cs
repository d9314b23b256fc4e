using AsyncFunctions.Core.Messaging;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Adapters;

/// <summary>
/// Peek-lock settlement of one received message through the Functions host
/// (<see cref="ServiceBusMessageActions"/>, which needs AutoCompleteMessages = false on the trigger).
/// </summary>
public sealed class ServiceBusMessageSettlement(ServiceBusReceivedMessage message, ServiceBusMessageActions actions) : IMessageSettlement
{
    public Task CompleteAsync(CancellationToken cancellationToken = default) =>
        actions.CompleteMessageAsync(message, cancellationToken);

    public Task AbandonAsync(CancellationToken cancellationToken = default) =>
        actions.AbandonMessageAsync(message, propertiesToModify: null, cancellationToken);

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default) =>
        actions.DeadLetterMessageAsync(message, propertiesToModify: null, deadLetterReason: reason, deadLetterErrorDescription: description, cancellationToken: cancellationToken);
}
