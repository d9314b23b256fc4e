using System.Text;
using AsyncFunctions.Core.Events;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Events;

namespace AsyncFunctions.Local.Tests;

/// <summary>A client that reads more slowly than events arrive is dropped with a last message that says so; memory stays bounded.</summary>
public sealed class EventStreamSessionTests
{
    [Fact]
    public async Task StreamAsync_ClientFallsBehind_SubscriptionDeletedQueuedEventsSentThenDroppedMessage()
    {
        var topic = new InMemoryTopic("order-events");
        using var session = new EventStreamSession(topic, "stream-slow", TimeProvider.System);
        var output = new StalledStream();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var streaming = session.StreamAsync(output, capacity: 3, keepAliveEvery: TimeSpan.FromHours(1), deadline.Token);

        // Event 1 is being written and the client does not read: 2, 3 and 4 fill the queue, 5 is one too many.
        await PublishAsync(topic, 1);
        await output.WriteStarted.WaitAsync(deadline.Token);
        for (var sequence = 2; sequence <= 5; sequence++)
            await PublishAsync(topic, sequence);
        while (topic.Subscriptions.Count > 0)
            await Task.Delay(20, deadline.Token);
        output.Resume();

        Assert.False(await streaming);
        var text = output.Text;
        Assert.Equal(4, CountOf(text, "\nevent: asyncfunctions.dispatch.DriverAssigned\n"));
        Assert.Contains("id: order-1/000004\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("id: order-1/000005", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var last = text[text.LastIndexOf("event: ", StringComparison.Ordinal)..];
        Assert.StartsWith($"event: {ServerSentEvents.DroppedType}\n", last, StringComparison.Ordinal);
        Assert.Contains("\"lastSentId\":\"order-1/000004\"", last, StringComparison.Ordinal);
        Assert.Contains("More than 3 events were waiting", last, StringComparison.Ordinal);
    }

    private static Task PublishAsync(InMemoryTopic topic, int sequence) =>
        topic.PublishAsync([CloudEventMessages.ToMessage(new OrderEvent
        {
            Stream = "order-1",
            Sequence = sequence,
            Type = OrderEventTypes.DriverAssigned,
            Subject = "order-1",
            Time = DateTimeOffset.UnixEpoch,
            Partner = "http",
            Data = "{\"orderId\":\"order-1\"}",
        })]);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>A client connection that takes the first write and then stalls until resumed, as a client that stopped reading does.</summary>
    private sealed class StalledStream : MemoryStream
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WriteStarted => _started.Task;

        public string Text => Encoding.UTF8.GetString(ToArray());

        public void Resume() => _resumed.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _started.TrySetResult();
            await _resumed.Task.WaitAsync(cancellationToken);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
