namespace AsyncFunctions.Testing.Faults;

/// <summary>A seeded, thread-safe source of fault decisions.</summary>
public sealed class Dice(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public bool Roll(double rate)
    {
        if (rate <= 0)
            return false;
        lock (_gate)
            return _random.NextDouble() < rate;
    }

    public int Next(int maxExclusive)
    {
        lock (_gate)
            return _random.Next(maxExclusive);
    }
}
