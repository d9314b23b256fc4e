using System.Text;
using System.Threading.Channels;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Local.Events;

/// <summary>
/// One client of GET /api/events/stream: a subscription of its own on the events topic (every event from the moment
/// it exists), a pump that takes each event off it into a bounded queue, and a writer that sends the queue to the
/// client. A client that reads more slowly than events arrive fills the queue: its subscription is deleted at once (so
/// nothing more piles up for it), what is queued is sent, then a last <see cref="ServerSentEvents.DroppedType"/> message.
/// Disposing deletes the subscription too, so a client that goes away leaves nothing behind.
/// </summary>
public sealed class EventStreamSession : IDisposable
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(1);

    private readonly InMemoryTopic _topic;
    private readonly InMemorySubscription _subscription;
    private readonly TimeProvider _time;

    public EventStreamSession(InMemoryTopic topic, string name, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(topic);
        _topic = topic;
        _time = time;
        _subscription = topic.AddSubscription(name, SubscriptionFilter.All);
    }

    public string Name => _subscription.Name;

    /// <summary>Sends events to <paramref name="output"/> until cancelled (true) or until the client fell behind by <paramref name="capacity"/> events (false).</summary>
    public async Task<bool> StreamAsync(Stream output, int capacity, TimeSpan keepAliveEvery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var queue = Channel.CreateBounded<(string? Id, string Text)>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(queue.Writer, keepAliveEvery, stopPump.Token);
        string? lastSentId = null;
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken))
            {
                while (queue.Reader.TryRead(out var item))
                {
                    await output.WriteAsync(Encoding.UTF8.GetBytes(item.Text), cancellationToken);
                    lastSentId = item.Id ?? lastSentId;
                }

                // One flush per burst: a client that keeps up gets each event at once, a busy stream costs fewer writes.
                await output.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await stopPump.CancelAsync();
            await pump;
        }

        // The queue completes only when the pump gave up on a full queue; cancellation throws above.
        await output.WriteAsync(Encoding.UTF8.GetBytes(ServerSentEvents.Dropped(capacity, lastSentId)), cancellationToken);
        await output.FlushAsync(cancellationToken);
        return false;
    }

    public void Dispose() => _topic.RemoveSubscription(_subscription);

    private async Task PumpAsync(ChannelWriter<(string? Id, string Text)> queue, TimeSpan keepAliveEvery, CancellationToken cancellationToken)
    {
        var lastQueued = _time.GetTimestamp();
        try
        {
            while (true)
            {
                var locked = await _subscription.ReceiveAsync(ReceiveWait, cancellationToken);
                if (locked is null)
                {
                    // An idle stream still writes now and then, so the client (and any proxy) can tell quiet from dead.
                    if (_time.GetElapsedTime(lastQueued) >= keepAliveEvery && queue.TryWrite((null, ServerSentEvents.KeepAlive)))
                        lastQueued = _time.GetTimestamp();
                    continue;
                }

                if (await TakeAsync(locked, cancellationToken) is not { } received)
                    continue;
                if (!queue.TryWrite((received.Id, ServerSentEvents.Event(received))))
                {
                    Dispose();
                    queue.TryComplete();
                    return;
                }

                lastQueued = _time.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<Core.Events.ReceivedEvent?> TakeAsync(LockedMessage locked, CancellationToken cancellationToken)
    {
        try
        {
            return await SubscribedEvents.TakeAsync(locked, cancellationToken);
        }
        catch (MessageLockLostException)
        {
            // The host stalled past the lock: the subscription delivers the message again.
            return null;
        }
    }
}
