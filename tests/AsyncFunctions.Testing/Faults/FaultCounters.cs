namespace AsyncFunctions.Testing.Faults;

/// <summary>How many faults were actually injected (thread-safe).</summary>
public sealed class FaultCounters
{
    private long _transient;
    private long _ambiguous;
    private long _crashes;
    private long _lockExpiries;
    private long _duplicates;
    private long _conflicts;
    private long _lockLost;
    private long _outageFailures;

    /// <summary>Calls failed by a storage or bus outage.</summary>
    public long OutageFailures => Interlocked.Read(ref _outageFailures);

    public void AddOutageFailure() => Interlocked.Increment(ref _outageFailures);

    public long Transient => Interlocked.Read(ref _transient);

    public long Ambiguous => Interlocked.Read(ref _ambiguous);

    public long Crashes => Interlocked.Read(ref _crashes);

    public long LockExpiries => Interlocked.Read(ref _lockExpiries);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Settlements refused because the lock had expired (a consequence, not an injection).</summary>
    public long LockLost => Interlocked.Read(ref _lockLost);

    public void AddTransient() => Interlocked.Increment(ref _transient);

    public void AddAmbiguous() => Interlocked.Increment(ref _ambiguous);

    public void AddCrash() => Interlocked.Increment(ref _crashes);

    public void AddLockExpiry() => Interlocked.Increment(ref _lockExpiries);

    public void AddDuplicate() => Interlocked.Increment(ref _duplicates);

    public void AddConflict() => Interlocked.Increment(ref _conflicts);

    public void AddLockLost() => Interlocked.Increment(ref _lockLost);
}
