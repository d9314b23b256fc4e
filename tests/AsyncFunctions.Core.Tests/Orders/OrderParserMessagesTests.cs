using System.Text.Json.Nodes;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Orders;

/// <summary>
/// The exact per-field messages and the length bounds of the order contract: the messages are what
/// a client reads in the 400 problem+json, so a blank or wrong one is a visible regression.
/// </summary>
public sealed class OrderParserMessagesTests
{
    private static readonly DateTimeOffset Now = ManualClock.DefaultStart;

    private static IReadOnlyDictionary<string, string[]> Errors(JsonNode body, string? idempotencyKey = null)
    {
        var result = OrderParser.Parse(body.Bytes(), Now, idempotencyKey);
        Assert.False(result.IsValid);
        return result.Errors.ToDictionary();
    }

    [Fact]
    public void Parse_QuantityIsAString_SaysWholeNumberNotAString()
    {
        var body = OrderBodies.Order();
        body["items"]![0]!["quantity"] = "2";

        Assert.Equal(["must be a whole number, not a string."], Errors(body)["items[0].quantity"]);
    }

    [Fact]
    public void Parse_QuantityIsAFraction_SaysWholeNumberWithBounds()
    {
        var body = OrderBodies.Order();
        body["items"]![0]!["quantity"] = 1.5;

        Assert.Equal([$"must be a whole number between 1 and {OrderLimits.MaxQuantity}."], Errors(body)["items[0].quantity"]);
    }

    [Fact]
    public void Parse_ReadyAtIsANumber_SaysTimestampStringNotANumber()
    {
        var body = OrderBodies.Order();
        body["readyAt"] = 1767225600;

        Assert.Equal(["must be an ISO 8601 timestamp string, not a number."], Errors(body)["readyAt"]);
    }

    [Fact]
    public void Parse_ZoneIsABoolean_SaysStringNotABoolean()
    {
        var body = OrderBodies.Order();
        body["zone"] = true;

        Assert.Equal(["must be a string, not a boolean."], Errors(body)["zone"]);
    }

    [Fact]
    public void Parse_ItemIsNull_SaysObjectNotNull()
    {
        var body = OrderBodies.Order();
        body["items"]![1] = null;

        var errors = Errors(body);

        Assert.Equal(["items[1]"], errors.Keys);
        Assert.Equal(["must be a JSON object, not null."], errors["items[1]"]);
    }

    [Fact]
    public void Parse_PickupWithoutLat_SaysLatIsRequired()
    {
        var body = OrderBodies.Order();
        ((JsonObject)body["pickup"]!).Remove("lat");

        var errors = Errors(body);

        Assert.Equal(["pickup.lat"], errors.Keys);
        Assert.Equal(["is required."], errors["pickup.lat"]);
    }

    [Fact]
    public void Parse_SkuWithAControlCharacter_SaysPrintableCharacters()
    {
        var body = OrderBodies.Order();
        body["items"]![0]!["sku"] = "pizza\u0007";

        Assert.Equal(["may contain only printable characters."], Errors(body)["items[0].sku"]);
    }

    [Fact]
    public void Parse_BadIdempotencyKey_SaysLengthAndCharacters()
    {
        var errors = Errors(OrderBodies.Order(), idempotencyKey: "has space");

        Assert.Equal([$"must be 1 to {OrderLimits.MaxIdLength} of {OrderParser.IdCharacters}."], errors["Idempotency-Key"]);
    }

    [Fact]
    public void Parse_IdempotencyKeyOfMaxLength_IsTheOrderId()
    {
        var key = new string('k', OrderLimits.MaxIdLength);
        var body = OrderBodies.Order();
        body.Remove("orderId");

        var result = OrderParser.Parse(body.Bytes(), Now, key);

        Assert.True(result.IsValid);
        Assert.Equal(key, result.Value!.OrderId);
    }

    [Fact]
    public void Parse_IdempotencyKeyOneOverMaxLength_IsRefused()
    {
        var body = OrderBodies.Order();
        body.Remove("orderId");

        var errors = Errors(body, new string('k', OrderLimits.MaxIdLength + 1));

        Assert.Equal(["Idempotency-Key"], errors.Keys);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(OrderLimits.MaxIdLength, true)]
    [InlineData(OrderLimits.MaxIdLength + 1, false)]
    public void IsValidId_ByLength_TrueUpToTheLimit(int length, bool expected) =>
        Assert.Equal(expected, OrderParser.IsValidId(new string('a', length)));

    [Fact]
    public void ErrorsToString_TwoFields_OneLineJoinedBySemicolons()
    {
        var body = OrderBodies.Order();
        body.Remove("zone");
        body["items"]![0]!["quantity"] = 0;

        var line = OrderParser.Parse(body.Bytes(), Now).Errors.ToString();

        Assert.Equal($"items[0].quantity: must be between 1 and {OrderLimits.MaxQuantity} (got 0).; zone: is required.", line);
    }
}
