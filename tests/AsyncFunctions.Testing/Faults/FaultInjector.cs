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

    public FaultPlan Plan => plan;

    public FaultCounters Counters => counters;

    public Dice Dice => _dice;

    /// <summary>Runs <paramref name="call"/> with crashes and transient failures before and after it.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
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
