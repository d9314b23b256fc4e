using System.Text.Json.Nodes;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>
/// What a partner and an operator read in an event: the refusal's fields, the fields every order event carries,
/// and the row keys the history and the relay's sweep find them by. Pinned literally: consumers parse these.
/// </summary>
public sealed class EventShapesTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static DeadLetterRecord Refused(string? orderId, string? source) => new()
    {
        Id = "0000000000000000042-abcd1234",
        MessageId = "m-7",
        OrderId = orderId,
        Reason = "InvalidOrder",
        Description = "zone: is required.",
        Source = source,
        DeadLetteredAt = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
        Body = "{}"u8.ToArray(),
    };

    [Fact]
    public void Refusal_CarriesEveryFieldOfTheDeadLetterAPartnerNeeds()
    {
        var refusal = RefusalEvents.Of(Refused("o-1", "partner-a"));

        Assert.Equal("refusal:0000000000000000042-abcd1234", refusal.Stream);
        Assert.Equal(1, refusal.Sequence);
        Assert.Equal(OrderEventTypes.OrderRefused, refusal.Type);
        Assert.Equal("o-1", refusal.Subject);
        Assert.Equal("partner-a", refusal.Partner);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), refusal.Time);
        Assert.Equal(
            """{"orderId":"o-1","source":"partner-a","messageId":"m-7","reason":"InvalidOrder","description":"zone: is required.","deadLetterId":"0000000000000000042-abcd1234"}""",
            refusal.Data);
    }

    [Fact]
    public void Refusal_OfAMessageWithoutOrderOrSource_IsAboutTheMessageAndGoesToNoPartner()
    {
        var refusal = RefusalEvents.Of(Refused(orderId: null, source: null));

        Assert.Equal("m-7", refusal.Subject);
        Assert.Equal("", refusal.Partner);
        Assert.Null(JsonNode.Parse(refusal.Data)!["orderId"]);
    }

    [Fact]
    public async Task OrderEvent_CarriesTheOrdersIdZoneStatusAndSource()
    {
        var body = OrderBodies.Order("o-1", zone: "zone-b");
        await _h.Intake.SubmitAsync(body.Bytes(), null, "partner-q", null, CancellationToken.None);
        var order = await _h.OrderAsync("o-1");
        var raised = new RaisedEvent(OrderEventTypes.AwaitingDriver, _h.Clock.GetUtcNow(), new JsonObject { ["attempt"] = 1 });

        var plan = OrderEventPlan.For(order! with { Raised = [raised] });

        var stored = Assert.Single(plan.Events);
        var data = JsonNode.Parse(stored.Data)!.AsObject();
        Assert.Equal("o-1", (string?)data["orderId"]);
        Assert.Equal("zone-b", (string?)data["zone"]);
        Assert.Equal(order!.Status.ToString(), (string?)data["status"]);
        Assert.Equal("partner-q", (string?)data["source"]);
        Assert.Equal(1, (int?)data["attempt"]);
        Assert.Equal(order.EventSequence + 1, stored.Sequence);
        Assert.Equal("partner-q", stored.Partner);
    }

    [Fact]
    public void Keys_AreTheDocumentedLayout()
    {
        Assert.Equal("evt|o-1|000007", EventKeys.EventRow("o-1", 7));
        Assert.Equal("outbox|o-1|000007", EventKeys.MarkerRow("o-1", 7));
        Assert.Equal("evt|o-1|", EventKeys.StreamPrefix("o-1"));
        Assert.Equal("o-1/000007", EventKeys.EventId("o-1", 7));
        Assert.True(EventKeys.IsEventRow("outbox|o-1|000007"));
        Assert.True(EventKeys.IsEventRow("evt|o-1|000007"));
        Assert.False(EventKeys.IsEventRow("order|o-1"));
    }

    [Theory]
    [InlineData(OrderEventTypes.DriverAssigned, "DriverAssigned")]
    [InlineData("partner.custom.Type", "partner.custom.Type")]
    public void ShortName_DropsOnlyOurPrefix(string type, string expected) =>
        Assert.Equal(expected, OrderEventTypes.ShortName(type));
}
