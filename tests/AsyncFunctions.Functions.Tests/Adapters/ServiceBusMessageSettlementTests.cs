using AsyncFunctions.Core.Handling;
using AsyncFunctions.Functions.Adapters;
using AsyncFunctions.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Functions.Tests.Adapters;

/// <summary>Each outcome, settled through the core's OutcomeSettler, reaches ServiceBusMessageActions exactly once.</summary>
public sealed class ServiceBusMessageSettlementTests : IDisposable
{
    private readonly ServiceProvider _core = CoreHost.InMemory();
    private readonly global::Azure.Messaging.ServiceBus.ServiceBusReceivedMessage _message = Messages.Received(Messages.OrderJson("order-7"), "order-7");
    private readonly Moq.Mock<Microsoft.Azure.Functions.Worker.ServiceBusMessageActions> _actions = ActionsMock.Create();

    [Fact]
    public async Task SettleAsync_Complete_CallsCompleteMessageOnce()
    {
        await Settler.SettleAsync(new MessageOutcome.Complete("done"), Settlement);

        _actions.VerifyCompletedOnce(_message);
    }

    [Fact]
    public async Task SettleAsync_Abandon_CallsAbandonMessageOnce()
    {
        await Settler.SettleAsync(new MessageOutcome.Abandon("later"), Settlement);

        _actions.VerifyAbandonedOnce(_message);
    }

    [Fact]
    public async Task SettleAsync_DeadLetter_PassesReasonAndDescriptionUnchanged()
    {
        await Settler.SettleAsync(new MessageOutcome.DeadLetter("InvalidOrder", "pickup.lat: must be between -90 and 90."), Settlement);

        _actions.VerifyDeadLetteredOnce(_message, "InvalidOrder", d => d == "pickup.lat: must be between -90 and 90.");
    }

    public void Dispose() => _core.Dispose();

    private OutcomeSettler Settler => _core.GetRequiredService<OutcomeSettler>();

    private ServiceBusMessageSettlement Settlement => new(_message, _actions.Object);
}
