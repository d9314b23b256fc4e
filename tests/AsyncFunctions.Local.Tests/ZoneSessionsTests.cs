using System.Net;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>The local host's orders queue has sessions keyed by zone, as orders-by-zone has in Azure.</summary>
public sealed class ZoneSessionsTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task SendAsPartnerAsync(string orderId, string zone, string? session) =>
        PartnerMessages.SendInSessionAsync(factory.Services, Bodies.Order(orderId, zone), orderId, session);

    [Fact]
    public async Task PartnerMessage_WithoutSessionId_IsRefusedAtTheSendAndNothingIsAccepted()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsPartnerAsync(orderId, zone, session: null));

        Assert.Contains("SessionId", refused.Message, StringComparison.Ordinal);
        using var status = await _client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task PartnerMessage_InItsZonesSession_IsAssigned()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));

        await SendAsPartnerAsync(orderId, zone, session: zone);

        await _client.WaitForStatusAsync(orderId, "Assigned");
    }

    [Fact]
    public async Task PartnerMessage_InAnotherZonesSession_IsStillAssignedCorrectly()
    {
        // The ETags guard every commit, so a wrong SessionId costs the zone's exclusivity, not correctness.
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var driverId = TestIds.Driver();
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone));

        await SendAsPartnerAsync(orderId, zone, session: TestIds.Zone());

        var order = await _client.WaitForStatusAsync(orderId, "Assigned");
        Assert.Equal(driverId, order.GetProperty("driverId").GetString());
    }
}
