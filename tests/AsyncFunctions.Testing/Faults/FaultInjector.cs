using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Faults;

/// <summary>
/// Decides, per call, whether to fail it. Faults strike only inside a <see cref="CrashScope"/>, so
/// set-up and auditing see a healthy system; <see cref="Enabled"/> turns them all off (the drain phase).
/// </summary>
public sealed class FaultInjector(FaultPlan plan, FaultCounters counters)
{
    private readonly Dice _dice = new(plan.Seed);

    public bool Enabled { get; set; } = true;

    /// <summary>An outage of table storage: while true every call fails, inside a crash scope or not.</summary>
    public bool StorageDown { get; set; }

    /// <summary>An outage of the bus: while true every send fails (and the harness's consumers receive nothing).</summary>
    public bool BusDown { get; set; }

    public FaultPlan Plan => plan;

    public FaultCounters Counters => counters;

    public Dice Dice => _dice;

    /// <summary>Runs <paramref name="call"/> with crashes and transient failures before and after it.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call) => await RunAsync(call, StorageDown);

    /// <summary>Runs a send: the same faults, with the bus outage in place of the storage one.</summary>
    public async Task<T> RunSendAsync<T>(Func<Task<T>> call) => await RunAsync(call, BusDown);

    private async Task<T> RunAsync<T>(Func<Task<T>> call, bool down)
    {
        if (down)
        {
            counters.AddOutageFailure();
            await Task.Yield();
            throw new TableStorageException(TableErrorKind.Transient, "Injected outage: the service is unreachable.");
        }

        var scope = CrashScope.Current;
        if (scope is { Crashed: true })
            throw new SimulatedCrashException("The process already crashed; nothing more runs in it.");
        if (scope is null || !Enabled)
            return await call();

        // In-memory calls complete synchronously; a real store never does. Yield so concurrent work interleaves.
        await Task.Yield();
        if (_dice.Roll(plan.SlowCallRate))
            await Task.Delay(1 + _dice.Next(3));

        MaybeCrash(scope, plan.CrashRate / 2);
        if (_dice.Roll(plan.TransientRate))
        {
            counters.AddTransient();
            throw new TableStorageException(TableErrorKind.Transient, "Injected transient failure (503 Server Busy).");
        }

        var result = await call();
        MaybeCrash(scope, plan.CrashRate / 2);
        if (_dice.Roll(plan.AmbiguousRate))
        {
            counters.AddAmbiguous();
            throw new TableStorageException(TableErrorKind.Transient, "Injected timeout after the operation was applied.");
        }

        return result;
    }

    public void MaybeCrash(CrashScope scope, double rate)
    {
        if (!Enabled || !_dice.Roll(rate))
            return;
        counters.AddCrash();
        scope.MarkCrashed();
        throw new SimulatedCrashException();
    }
}
