using System.Diagnostics;
using AsyncFunctions.LoadGen.Load;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class TokenBucketTests
{
    [Fact]
    public void TryTake_FullBucket_AllowsTheBurstThenSaysHowLongToWait()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(rate: 10, burst: 3, time);

        Assert.True(bucket.TryTake(time.GetTimestamp(), out _));
        Assert.True(bucket.TryTake(time.GetTimestamp(), out _));
        Assert.True(bucket.TryTake(time.GetTimestamp(), out _));
        Assert.False(bucket.TryTake(time.GetTimestamp(), out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(100), wait);
    }

    [Fact]
    public void TryTake_AfterWaiting_RefillsAtTheRateButNeverAboveTheBurst()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(rate: 10, burst: 2, time);
        bucket.TryTake(time.GetTimestamp(), out _);
        bucket.TryTake(time.GetTimestamp(), out _);

        time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.True(bucket.TryTake(time.GetTimestamp(), out _));
        Assert.False(bucket.TryTake(time.GetTimestamp(), out var wait));
        Assert.Equal(50, wait.TotalMilliseconds, precision: 6);

        time.Advance(TimeSpan.FromHours(1));
        Assert.True(bucket.TryTake(time.GetTimestamp(), out _));
        Assert.True(bucket.TryTake(time.GetTimestamp(), out _));
        Assert.False(bucket.TryTake(time.GetTimestamp(), out _));
    }

    [Fact]
    public void TryTake_OverOneSimulatedSecond_GrantsRatePlusBurst()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(rate: 500, burst: 50, time);
        var granted = 0;
        for (var ms = 0; ms < 1000; ms++)
        {
            while (bucket.TryTake(time.GetTimestamp(), out _))
                granted++;
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(granted, 500 + 50 - 1, 500 + 50);
    }

    [Fact]
    public async Task WaitAsync_RealClock_NeverRunsFasterThanTheRate()
    {
        var bucket = new TokenBucket(rate: 100, burst: 1, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 31; i++)
            await bucket.WaitAsync(CancellationToken.None);

        // 31 takes with a burst of one need 30 refills at 10 ms each; a busy machine may only be slower.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Constructor_NonPositiveRate_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 1, TimeProvider.System));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
