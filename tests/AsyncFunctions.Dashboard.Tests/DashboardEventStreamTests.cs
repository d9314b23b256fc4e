using System.Net;
using System.Net.Http.Json;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Dashboard.Tests.Hosting;
using AsyncFunctions.Http.Json;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Dashboard;
using AsyncFunctions.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>The snapshot's live event stream: fed by its own subscription, so the operations subscription keeps every event for its reader.</summary>
public sealed class DashboardEventStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Snapshot_OrderPostedAndAssigned_ShowsItsEventsWithoutTakingOperationsMessages()
    {
        await using var host = new SocketLocalHostFactory();
        using var client = host.CreateSocketClient();
        var driver = await client.PutAsJsonAsync("/api/drivers/driver-ev", new { zone = "zone-ev", capacity = 1, location = new { lat = 52.37, lon = 4.90 }, available = true });
        Assert.True(driver.IsSuccessStatusCode, $"PUT driver: {driver.StatusCode}");

        Assert.Equal(HttpStatusCode.Accepted, (await DemoOrders.SubmitAsync(client, "stream-1", "zone-ev")).StatusCode);
        var snapshot = await WaitForAsync(client, s => s.Events.Any(e => e.Subject == "stream-1" && e.Type == OrderEventTypes.DriverAssigned));

        var ours = snapshot.Events.Where(e => e.Subject == "stream-1").Reverse().ToList();
        Assert.Equal([OrderEventTypes.OrderAccepted, OrderEventTypes.DriverAssigned], ours.Select(e => e.Type));
        Assert.Equal([1, 2], ours.Select(e => e.Sequence));
        Assert.All(ours, e => Assert.Equal(CloudEventMessages.Source, e.Source));
        Assert.All(ours, e => Assert.NotEqual(default, e.Time));
        Assert.True(snapshot.EventsReceived >= 2, $"received {snapshot.EventsReceived}");

        var topic = host.Services.GetRequiredService<InMemoryTopic>();
        // Nobody reads operations in the local host: both copies must still be waiting there.
        Assert.Equal(2, topic.Subscription(InMemoryDispatchExtensions.OperationsSubscription).Counts().Active);
        Assert.Contains(topic.Subscriptions, s => s.Name == "dashboard");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("99999999999")]
    public async Task Reader_MessageNotOneOfOurEvents_DeadLettersItOnTheDashboardSubscription(string? sequence)
    {
        await using var host = new SocketLocalHostFactory();
        using var client = host.CreateSocketClient();
        var topic = host.Services.GetRequiredService<InMemoryTopic>();
        var properties = new Dictionary<string, object> { [CloudEventMessages.Attribute("type")] = OrderEventTypes.OrderAccepted };
        if (sequence is not null)
            properties[CloudEventMessages.Attribute(CloudEventMessages.SequenceAttribute)] = sequence;

        await topic.PublishAsync([new OutboundMessage("not-an-event-1", "{}"u8.ToArray()) { ApplicationProperties = properties }]);
        var deadLettered = await topic.Subscription("dashboard").ReceiveDeadLetterAsync(Patience);

        Assert.NotNull(deadLettered);
        Assert.Equal("not-an-event-1", deadLettered.Message.MessageId);
        Assert.Equal("MalformedEvent", deadLettered.Message.DeadLetterReason);
        var snapshot = await client.GetFromJsonAsync<DashboardSnapshot>(DashboardExtensions.SnapshotRoute, DispatchJson.Options);
        Assert.Empty(snapshot!.Events);
    }

    [Fact]
    public void Buffer_MoreThanCapacity_KeepsTheNewestFirst()
    {
        var buffer = new LiveEventBuffer();
        for (var i = 1; i <= LiveEventBuffer.Capacity + 7; i++)
            buffer.Add(new LiveEvent($"e{i}", DateTimeOffset.UnixEpoch, OrderEventTypes.OrderAccepted, $"o{i}", 1, CloudEventMessages.Source, "p"));

        var events = buffer.Read();

        Assert.Equal(LiveEventBuffer.Capacity + 7, buffer.Received);
        Assert.Equal(Enumerable.Range(8, LiveEventBuffer.Capacity).Reverse().Select(i => $"e{i}"), events.Select(e => e.Id));
    }

    private static async Task<DashboardSnapshot> WaitForAsync(HttpClient client, Func<DashboardSnapshot, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var snapshot = (await client.GetFromJsonAsync<DashboardSnapshot>(DashboardExtensions.SnapshotRoute, DispatchJson.Options))!;
            if (done(snapshot) || DateTime.UtcNow > deadline)
                return snapshot;
            await Task.Delay(100);
        }
    }
}
