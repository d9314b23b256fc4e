namespace AsyncFunctions.LoadGen.Load;

/// <summary>
/// Paces work at <c>rate</c> per second with bursts of at most <c>burst</c>: tokens refill continuously,
/// each piece of work takes one, and when none is left the caller waits exactly until the next one.
/// Time is passed in (<see cref="TryTake"/>) so the arithmetic is testable without sleeping.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucket(double rate, double burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _rate = rate;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes a token if one is there; otherwise says how long until one will be.</summary>
    public bool TryTake(long timestamp, out TimeSpan wait)
    {
        lock (_gate)
        {
            var elapsed = _time.GetElapsedTime(_last, timestamp).TotalSeconds;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_burst, _tokens + elapsed * _rate);
                _last = timestamp;
            }

            if (_tokens >= 1)
            {
                _tokens -= 1;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            return false;
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (!TryTake(_time.GetTimestamp(), out var wait))
            await Task.Delay(wait, _time, cancellationToken);
    }
}
