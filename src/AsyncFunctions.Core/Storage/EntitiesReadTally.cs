namespace AsyncFunctions.Core.Storage;

/// <summary>
/// How many entities one query passed over, reported by a store that knows (the in-memory store counts every
/// row its range visited, filtered out or not) to the decorator that opened the tally. Ambient for the call
/// (an AsyncLocal), because the port keeps Table Storage's own signatures and Azure does not report this.
/// </summary>
public sealed class EntitiesReadTally
{
    private static readonly AsyncLocal<EntitiesReadTally?> Current = new();
    private long _count;
    private int _reported;

    /// <summary>Rows passed over so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Whether the store reported at all; if not, only the rows returned are known.</summary>
    public bool Reported => Volatile.Read(ref _reported) == 1;

    /// <summary>Opens a tally for the calls that follow in this async flow; call it inside an async method so it does not leak to the caller.</summary>
    public static EntitiesReadTally Open() => Current.Value = new EntitiesReadTally();

    /// <summary>Adds to the open tally, if any.</summary>
    public static void Report(long rows)
    {
        if (Current.Value is not { } tally)
            return;
        Interlocked.Add(ref tally._count, rows);
        Volatile.Write(ref tally._reported, 1);
    }
}
