using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>GET /api/deadletters and POST /api/deadletters/{id}/replay, fed by the host's own dead-letter consumer.</summary>
public sealed class DeadLetterEndpointsTests(ShortWaitHostFactory factory) : IClassFixture<ShortWaitHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task List_InvalidPartnerMessage_AppearsWithReasonInvalidOrder()
    {
        var orderId = TestIds.Order();
        var body = Bodies.Order(orderId, TestIds.Zone());
        body["pickup"]!["lat"] = 999.0;

        await PartnerMessages.SendAsync(factory.Services, body, messageId: orderId);

        var letter = await _client.WaitForDeadLetterAsync(d => d.GetProperty("orderId").GetString() == orderId);
        Assert.Equal("InvalidOrder", letter.GetProperty("reason").GetString());
        Assert.Contains("pickup.lat", letter.GetProperty("description").GetString());
        Assert.Equal("partner-acme", letter.GetProperty("source").GetString());
        Assert.False(string.IsNullOrEmpty(letter.GetProperty("id").GetString()));
        Assert.True(letter.TryGetProperty("deliveryCount", out _));
        Assert.True(letter.TryGetProperty("deadLetteredAt", out _));
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("replayedAt").ValueKind);
    }

    [Fact]
    public async Task Replay_NoDriverDeadLetter_Returns202AndOrderIsAssignedOnce()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var orderId = TestIds.Order();
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        await _client.WaitForStatusAsync(orderId, "DeadLettered");
        var letter = await _client.WaitForDeadLetterAsync(d => d.GetProperty("orderId").GetString() == orderId);
        Assert.Equal("NoDriverAvailable", letter.GetProperty("reason").GetString());
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 5));
        var id = letter.GetProperty("id").GetString();

        using var replay = await _client.PostAsync($"/api/deadletters/{id}/replay", null);
        await _client.WaitForStatusAsync(orderId, "Assigned");
        using var again = await _client.PostAsync($"/api/deadletters/{id}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var first = await replay.ReadJsonAsync();
        var second = await again.ReadJsonAsync();
        Assert.Equal(id, first.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("replayedAt").GetDateTimeOffset(), second.GetProperty("replayedAt").GetDateTimeOffset());
        // The repeat sent nothing new: the order is still assigned once.
        await QueueIdle.WaitAsync(factory.Services);
        Assert.Equal("Assigned", (await _client.GetOrderAsync(orderId)).GetProperty("status").GetString());
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }

    [Fact]
    public async Task Replay_UnknownId_Returns404Problem()
    {
        using var response = await _client.PostAsync("/api/deadletters/0000000000000000000-deadbeef/replay", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_Take_LimitsTheList()
    {
        for (var i = 0; i < 2; i++)
        {
            var body = Bodies.Order(TestIds.Order(), TestIds.Zone());
            body["items"] = new System.Text.Json.Nodes.JsonArray();
            await PartnerMessages.SendAsync(factory.Services, body, TestIds.Order());
        }

        await _client.WaitForDeadLetterAsync(_ => true);
        var limited = await _client.GetFromJsonAsync<JsonElement>("/api/deadletters?take=1");

        Assert.Equal(1, limited.GetArrayLength());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("501")]
    public async Task List_BadTake_Returns400WithTakeError(string take)
    {
        using var response = await _client.GetAsync($"/api/deadletters?take={take}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("take", out _));
    }
}
