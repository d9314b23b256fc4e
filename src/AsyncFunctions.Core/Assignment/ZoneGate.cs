using System.Collections.Concurrent;

namespace AsyncFunctions.Core.Assignment;

/// <summary>
/// One assignment at a time per zone in this process. Consumers of one zone all want the same nearest
/// driver; without the gate all but one of them lose the ETag race and pick again, which is pure waste.
/// Across instances the transaction's ETags still decide. One semaphore per zone ever seen (a few hundred bytes each).
/// </summary>
public sealed class ZoneGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _zones = new(StringComparer.Ordinal);

    /// <summary>Waits for the zone; dispose the result to let the next assignment in.</summary>
    public async Task<IDisposable> EnterAsync(string zone, CancellationToken cancellationToken)
    {
        var gate = _zones.GetOrAdd(zone, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
