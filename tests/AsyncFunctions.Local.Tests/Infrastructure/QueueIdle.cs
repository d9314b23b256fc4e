using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>
/// Waits until the host's queue holds no available and no locked message, so a test that checks
/// "this copy changed nothing" knows the copy was actually consumed rather than still waiting.
/// </summary>
public static class QueueIdle
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task WaitAsync(IServiceProvider services)
    {
        var queue = services.GetRequiredService<InMemoryQueue>();
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var counts = queue.Counts();
            if (counts is { Active: 0, Locked: 0 })
                return;
            if (DateTime.UtcNow > until)
                Assert.Fail($"Queue {queue.Name} still busy after {Deadline.TotalSeconds} s: {counts}.");
            await Task.Delay(25);
        }
    }
}
