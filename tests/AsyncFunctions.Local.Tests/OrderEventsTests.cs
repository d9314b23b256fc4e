using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Local.Tests.Infrastructure;
using Xunit.Abstractions;
using static AsyncFunctions.Local.Tests.Infrastructure.PartnerEventsHostFactory;

namespace AsyncFunctions.Local.Tests;

/// <summary>
/// The "done when", on the local host: an invalid partner message, a valid one and an HTTP order each end with
/// the right events on the right subscriptions, and GET /api/orders/{id}/events tells the whole story.
/// </summary>
public sealed class OrderEventsTests(PartnerEventsHostFactory factory, ITestOutputHelper output) : IClassFixture<PartnerEventsHostFactory>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HttpOrder_Assigned_AcceptedAndAssignedOnOperationsAndOnNoPartnerSubscription()
    {
        var (zone, orderId) = (TestIds.Zone(), TestIds.Order());
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        await _client.WaitForStatusAsync(orderId, "Assigned");

        var operations = await factory.Services.Subscription("operations").WaitForEventsAsync(orderId, 2);

        Assert.Equal([OrderEventTypes.OrderAccepted, OrderEventTypes.DriverAssigned], operations.Select(e => e.Type));
        Assert.All(operations, e => Assert.Equal("http", e.Partner));
        Assert.Empty(await factory.Services.Subscription(Acme).AvailableAboutAsync(orderId));
        Assert.Empty(await factory.Services.Subscription(Globex).AvailableAboutAsync(orderId));
    }

    [Fact]
    public async Task PartnerOrder_Assigned_EventsOnThatPartnersSubscriptionOnly()
    {
        var (zone, orderId) = (TestIds.Zone(), TestIds.Order());
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        await PartnerMessages.SendAsync(factory.Services, Bodies.Order(orderId, zone), messageId: orderId, partner: Acme);

        var acme = await factory.Services.Subscription(Acme).WaitForEventsAsync(orderId, 2);

        Assert.Equal([OrderEventTypes.OrderAccepted, OrderEventTypes.DriverAssigned], acme.Select(e => e.Type));
        Assert.Equal([1, 2], acme.Select(e => e.Sequence));
        Assert.All(acme, e => Assert.Equal(CloudEventMessages.Source, e.Source));
        Assert.Empty(await factory.Services.Subscription(Globex).AvailableAboutAsync(orderId));
    }

    [Fact]
    public async Task PartnerMessage_InvalidBody_OrderRefusedOnThatPartnersSubscriptionOnly()
    {
        var orderId = TestIds.Order();
        var invalid = Bodies.Order(orderId, TestIds.Zone());
        invalid["items"] = new JsonArray();
        await PartnerMessages.SendAsync(factory.Services, invalid, messageId: orderId, partner: Acme);

        var refusal = Assert.Single(await factory.Services.Subscription(Acme).WaitForEventsAsync(orderId, 1));

        Assert.Equal(OrderEventTypes.OrderRefused, refusal.Type);
        Assert.Equal("InvalidOrder", JsonNode.Parse(refusal.Data)!["reason"]!.GetValue<string>());
        Assert.Contains("items", JsonNode.Parse(refusal.Data)!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await factory.Services.Subscription(Globex).AvailableAboutAsync(orderId));
        using var history = await _client.GetAsync($"/api/orders/{orderId}/events");
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
    }

    [Fact]
    public async Task GetEvents_DeliveredOrder_WholeStoryInSequence()
    {
        var (zone, orderId) = (TestIds.Zone(), TestIds.Order());
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        await _client.WaitForStatusAsync(orderId, "AwaitingDriver");
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        await _client.WaitForStatusAsync(orderId, "Assigned");
        using var delivered = await _client.PostAsync($"/api/orders/{orderId}/delivered", null);

        using var response = await _client.GetAsync($"/api/orders/{orderId}/events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        output.WriteLine(JsonSerializer.Serialize(body, Indented));
        var events = body.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["OrderAccepted", "AwaitingDriver", "DriverAssigned", "OrderDelivered"],
            events.Select(e => OrderEventTypes.ShortName(e.GetProperty("type").GetString()!)));
        Assert.Equal(["000001", "000002", "000003", "000004"], events.Select(e => e.GetProperty("sequence").GetString()));
        Assert.All(events, e => Assert.Equal("1.0", e.GetProperty("specversion").GetString()));
        Assert.Equal(orderId, body.GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task GetEvents_UnknownOrder_ProblemNotFound()
    {
        using var response = await _client.GetAsync($"/api/orders/{TestIds.Order()}/events");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
