using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Local.Workers;

/// <summary>
/// Keeps a receive loop from taking messages while a breaker it depends on is open: the messages stay
/// in the queue, their delivery counts untouched. Once the cool-down is over, one loop at a time takes
/// one message as the probe; its outcome closes the breaker or opens it again.
/// </summary>
internal sealed partial class CircuitGate(IReadOnlyList<DependencyCircuit> circuits, string entity, ILogger logger)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private int _paused;

    /// <summary>Waits until every circuit admits work; returns the probes this loop holds, to release after its message.</summary>
    public async Task<IReadOnlyList<DependencyCircuit>> WaitAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var probes = new List<DependencyCircuit>();
            var blocked = false;
            foreach (var circuit in circuits)
            {
                if (!circuit.TryAdmit(out var isProbe))
                {
                    blocked = true;
                    break;
                }

                if (isProbe)
                    probes.Add(circuit);
            }

            if (!blocked)
            {
                if (probes.Count == 0 && Interlocked.Exchange(ref _paused, 0) == 1)
                    LogResumed(logger, entity);
                return probes;
            }

            Release(probes);
            if (Interlocked.Exchange(ref _paused, 1) == 0)
                LogPaused(logger, entity);
            await Task.Delay(Poll, stoppingToken);
        }
    }

    public static void Release(IReadOnlyList<DependencyCircuit> probes)
    {
        foreach (var probe in probes)
            probe.ReleaseProbe();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity}: a dependency's circuit is open; not taking messages until it recovers")]
    private static partial void LogPaused(ILogger logger, string entity);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Entity}: circuits closed; taking messages again")]
    private static partial void LogResumed(ILogger logger, string entity);
}
