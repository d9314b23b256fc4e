using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using AsyncFunctions.Core.Events;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Events;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests;

/// <summary>GET /api/events/stream over a real connection: the events of an order as they happen, and nothing left behind by a client that leaves.</summary>
public sealed class EventStreamTests(SocketHostFactory factory) : IClassFixture<SocketHostFactory>
{
    private InMemoryTopic Topic => factory.Services.GetRequiredService<InMemoryTopic>();

    [Fact]
    public async Task Stream_OrderPostedAndAssigned_SeesAcceptedThenDriverAssignedInSequence()
    {
        using var client = factory.CreateSocketClient();
        using var stream = await OpenAsync(client);
        var (zone, orderId) = (TestIds.Zone(), TestIds.Order());
        using var put = await client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        using var posted = await client.PostOrderAsync(Bodies.Order(orderId, zone));

        var events = await ReadAboutAsync(stream, orderId, count: 2);

        Assert.Equal([OrderEventTypes.OrderAccepted, OrderEventTypes.DriverAssigned], events.Select(e => e.EventType));
        Assert.Equal([$"{orderId}/000001", $"{orderId}/000002"], events.Select(e => e.EventId));
        var data = events.Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.Equal(["000001", "000002"], data.Select(d => d.GetProperty("sequence").GetString()));
        Assert.All(data, d => Assert.Equal(orderId, d.GetProperty("subject").GetString()));
        Assert.Equal("Assigned", data[1].GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stream_ClientDisconnects_ItsSubscriptionIsRemoved()
    {
        var before = StreamSubscriptions();
        var client = factory.CreateSocketClient();
        var stream = await OpenAsync(client);
        var opened = Assert.Single(StreamSubscriptions().Except(before));

        stream.Dispose();
        client.Dispose();

        var until = DateTime.UtcNow + ApiClient.Deadline;
        while (StreamSubscriptions().Contains(opened) && DateTime.UtcNow < until)
            await Task.Delay(50);
        Assert.DoesNotContain(opened, StreamSubscriptions());
    }

    private List<string> StreamSubscriptions() =>
        Topic.Subscriptions.Select(s => s.Name).Where(n => n.StartsWith(EventStreamHub.SubscriptionPrefix, StringComparison.Ordinal)).ToList();

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/events/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ServerSentEvents.ContentType, response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private static async Task<List<SseItem<string>>> ReadAboutAsync(HttpResponseMessage stream, string orderId, int count)
    {
        using var deadline = new CancellationTokenSource(ApiClient.Deadline);
        var about = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await stream.Content.ReadAsStreamAsync(deadline.Token)).EnumerateAsync(deadline.Token))
        {
            if (item.EventId?.StartsWith(orderId + "/", StringComparison.Ordinal) == true)
                about.Add(item);
            if (about.Count == count)
                break;
        }

        return about;
    }
}
