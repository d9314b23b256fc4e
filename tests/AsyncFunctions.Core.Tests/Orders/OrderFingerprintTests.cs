using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Orders;

public sealed class OrderFingerprintTests
{
    private static string HashOf(string json) =>
        OrderFingerprint.Hash(OrderParser.Parse(OrderBodies.Raw(json), ManualClock.DefaultStart).Value!);

    private const string Compact =
        """{"orderId":"o-1","zone":"z","pickup":{"lat":48.5,"lon":2},"dropoff":{"lat":48,"lon":2.25},"items":[{"sku":"a","quantity":1}],"readyAt":"2026-03-02T10:00:00Z"}""";

    [Fact]
    public void Hash_WhitespaceFieldOrderAndNumberSpelling_SameHash()
    {
        const string respelled = """
            {
              "items": [ { "quantity": 1, "sku": "a" } ],
              "readyAt": "2026-03-02T12:00:00.000+02:00",
              "dropoff": { "lon": 2.250, "lat": 48.0 },
              "pickup":  { "lon": 2.0, "lat": 4.85e1 },
              "zone": "z",
              "orderId": "o-1"
            }
            """;

        Assert.Equal(HashOf(Compact), HashOf(respelled));
    }

    [Fact]
    public void Hash_NullOptionalSameAsAbsent()
    {
        var withNull = Compact.Replace("\"zone\":\"z\",", "\"zone\":\"z\",\"customerId\":null,", StringComparison.Ordinal);

        Assert.Equal(HashOf(Compact), HashOf(withNull));
    }

    [Theory]
    [InlineData("\"quantity\":1", "\"quantity\":2")]
    [InlineData("\"sku\":\"a\"", "\"sku\":\"b\"")]
    [InlineData("\"lat\":48.5", "\"lat\":48.51")]
    [InlineData("10:00:00Z", "10:00:01Z")]
    [InlineData("\"zone\":\"z\",", "\"zone\":\"z\",\"customerId\":\"c-1\",")]
    [InlineData("\"zone\":\"z\",", "\"zone\":\"z\",\"restaurantId\":\"r-1\",")]
    public void Hash_ChangedContent_DifferentHash(string from, string to)
    {
        var changed = Compact.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Compact, changed);

        Assert.NotEqual(HashOf(Compact), HashOf(changed));
    }

    // Both sides carry the optional field, so a fingerprint that dropped it would hash them alike.
    [Theory]
    [InlineData("customerId", "c-1", "c-2")]
    [InlineData("restaurantId", "r-1", "r-2")]
    public void Hash_OptionalFieldWithAnotherValue_DifferentHash(string field, string one, string other)
    {
        string With(string value) => Compact.Replace("\"zone\":\"z\",", $"\"zone\":\"z\",\"{field}\":\"{value}\",", StringComparison.Ordinal);

        Assert.NotEqual(HashOf(With(one)), HashOf(With(other)));
    }

    [Fact]
    public void CanonicalJson_ReparsedAndHashedAgain_IsStable()
    {
        var full = Compact.Replace("\"zone\":\"z\",", "\"zone\":\"z\",\"customerId\":\"c-1\",\"restaurantId\":\"r-1\",", StringComparison.Ordinal);
        var order = OrderParser.Parse(OrderBodies.Raw(full), ManualClock.DefaultStart).Value!;
        var canonical = OrderFingerprint.CanonicalJson(order);

        // The canonical form is itself a valid body that says the same thing, optionals included.
        var reparsed = OrderParser.Parse(OrderBodies.Raw(canonical), ManualClock.DefaultStart).Value!;

        Assert.Equal(order, reparsed with { Items = order.Items });
        Assert.Equal(order.Items, reparsed.Items);
        Assert.Equal(canonical, OrderFingerprint.CanonicalJson(reparsed));
        Assert.Equal(OrderFingerprint.HashOf(canonical), OrderFingerprint.Hash(reparsed));
        Assert.Matches("^[0-9a-f]{64}$", OrderFingerprint.Hash(order));
    }
}
