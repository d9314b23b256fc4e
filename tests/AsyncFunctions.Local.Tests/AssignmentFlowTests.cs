using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>The asynchronous half, seen from outside: consumers assign, delivery frees capacity, waiting orders wake.</summary>
public sealed class AssignmentFlowTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Submit_WithDriverInZone_ReachesAssignedToThatDriver()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var orderId = TestIds.Order();
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone));

        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));

        var order = await _client.WaitForStatusAsync(orderId, "Assigned");
        Assert.Equal(driverId, order.GetProperty("driverId").GetString());
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }

    [Fact]
    public async Task Submit_NoDriver_AwaitsThenIsAssignedPromptlyWhenADriverIsPut()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var orderId = TestIds.Order();
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        var waiting = await _client.WaitForStatusAsync(orderId, "AwaitingDriver");
        Assert.False(string.IsNullOrEmpty(waiting.GetProperty("lastError").GetString()));

        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone));

        // The retry backoff is 30 s in this host: only the wake-up can be this quick.
        var order = await _client.WaitForStatusAsync(orderId, "Assigned", Prompt);
        Assert.Equal(driverId, order.GetProperty("driverId").GetString());
    }

    [Fact]
    public async Task Delivered_FullDriver_WakesTheOrderWaitingForIt()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var first = TestIds.Order();
        var second = TestIds.Order();
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 1));
        using var a = await _client.PostOrderAsync(Bodies.Order(first, zone));
        await _client.WaitForStatusAsync(first, "Assigned");
        using var b = await _client.PostOrderAsync(Bodies.Order(second, zone));
        await _client.WaitForStatusAsync(second, "AwaitingDriver");

        using var delivered = await _client.PostAsync($"/api/orders/{first}/delivered", null);

        await _client.WaitForStatusAsync(second, "Assigned", Prompt);
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }

    [Fact]
    public async Task PartnerMessage_ValidOrder_IsAcceptedAndAssigned()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var driverId = TestIds.Driver();
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone));

        await PartnerMessages.SendAsync(factory.Services, Bodies.Order(orderId, zone), messageId: orderId);

        var order = await _client.WaitForStatusAsync(orderId, "Assigned");
        Assert.Equal(driverId, order.GetProperty("driverId").GetString());
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }

    [Fact]
    public async Task PartnerDuplicate_OfHttpOrder_ChangesNothing()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var orderId = TestIds.Order();
        var body = Bodies.Order(orderId, zone);
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 5));
        using var submitted = await _client.PostOrderAsync(body);
        var assigned = await _client.WaitForStatusAsync(orderId, "Assigned");

        // A different MessageId, so the broker's duplicate detection does not drop it: the engine must.
        await PartnerMessages.SendAsync(factory.Services, body, messageId: $"{orderId}-partner-copy");
        await QueueIdle.WaitAsync(factory.Services);

        var after = await _client.GetOrderAsync(orderId);
        Assert.Equal(assigned.GetProperty("updatedAt").GetDateTimeOffset(), after.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }
}
