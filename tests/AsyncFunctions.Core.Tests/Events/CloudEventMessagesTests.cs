using System.Text.RegularExpressions;
using AsyncFunctions.Core.Events;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>The CloudEvents 1.0 AMQP binary-mode mapping: required attributes, naming rules, round trip.</summary>
public sealed partial class CloudEventMessagesTests
{
    private static readonly OrderEvent Sample = new()
    {
        Stream = "o-1",
        Sequence = 12,
        Type = OrderEventTypes.DriverAssigned,
        Subject = "o-1",
        Time = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
        Partner = "acme",
        Data = """{"orderId":"o-1","driverId":"d-1"}""",
    };

    [Fact]
    public void ToMessage_Event_CarriesEveryRequiredAttributeAsACloudEventsProperty()
    {
        var message = CloudEventMessages.ToMessage(Sample);

        Assert.Equal("o-1/000012", message.MessageId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("1.0", message.ApplicationProperties["cloudEvents:specversion"]);
        Assert.Equal("o-1/000012", message.ApplicationProperties["cloudEvents:id"]);
        Assert.Equal("/asyncfunctions/dispatch", message.ApplicationProperties["cloudEvents:source"]);
        Assert.Equal(OrderEventTypes.DriverAssigned, message.ApplicationProperties["cloudEvents:type"]);
        Assert.Equal("o-1", message.ApplicationProperties["cloudEvents:subject"]);
        Assert.Equal(Sample.Time, message.ApplicationProperties["cloudEvents:time"]);
        Assert.Equal("000012", message.ApplicationProperties["cloudEvents:sequence"]);
        Assert.Equal("acme", message.ApplicationProperties["source"]);
    }

    [Fact]
    public void ToMessage_AttributeNames_FollowTheSpecNamingRule()
    {
        // CloudEvents 1.0: attribute names are lower-case ASCII letters or digits, at most 20 characters.
        var names = CloudEventMessages.ToMessage(Sample).ApplicationProperties.Keys
            .Where(k => k.StartsWith(CloudEventMessages.PropertyPrefix, StringComparison.Ordinal))
            .Select(k => k[CloudEventMessages.PropertyPrefix.Length..]).ToList();

        Assert.Equal(7, names.Count);
        Assert.All(names, n => Assert.Matches(AttributeName(), n));
        Assert.True(Uri.IsWellFormedUriString(CloudEventMessages.Source, UriKind.RelativeOrAbsolute));
    }

    [Fact]
    public void Read_SentMessage_RoundTrips()
    {
        var message = CloudEventMessages.ToMessage(Sample);

        var read = CloudEventMessages.Read(message.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value), message.Body);

        Assert.Equal(new ReceivedEvent("1.0", "o-1/000012", CloudEventMessages.Source, OrderEventTypes.DriverAssigned, "o-1", Sample.Time, 12, "acme", Sample.Data), read);
    }

    [Fact]
    public void Sequence_LexicalOrder_IsNumericOrder()
    {
        var sequences = Unordered.Select(EventKeys.Number).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["000001", "000002", "000010", "000100"], sequences);
    }

    private static readonly int[] Unordered = [2, 10, 1, 100];

    [GeneratedRegex("^[a-z0-9]{1,20}$")]
    private static partial Regex AttributeName();
}
