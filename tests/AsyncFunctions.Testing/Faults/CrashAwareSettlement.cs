using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Testing.Faults;

/// <summary>Settles through the broker unless the scope crashed: a dead process settles nothing, so the lock expires.</summary>
public sealed class CrashAwareSettlement(IMessageSettlement inner, CrashScope scope, FaultInjector faults) : IMessageSettlement
{
    public Task CompleteAsync(CancellationToken cancellationToken = default) => Settle(() => inner.CompleteAsync(cancellationToken));

    public Task AbandonAsync(CancellationToken cancellationToken = default) => Settle(() => inner.AbandonAsync(cancellationToken));

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default) =>
        Settle(() => inner.DeadLetterAsync(reason, description, cancellationToken));

    private Task Settle(Func<Task> settle)
    {
        if (scope.Crashed)
            return Task.CompletedTask;
        try
        {
            // A crash right before settling: the work is done but the broker never hears of it.
            faults.MaybeCrash(scope, faults.Plan.CrashRate);
        }
        catch (SimulatedCrashException)
        {
            return Task.CompletedTask;
        }

        return settle();
    }
}
