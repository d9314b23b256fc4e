using System.Text.Json.Nodes;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Orders;

public sealed class OrderParserTests
{
    private static readonly DateTimeOffset Now = ManualClock.DefaultStart;

    private static ParseResult<OrderRequest> Parse(JsonNode body, string? idempotencyKey = null) =>
        OrderParser.Parse(body.Bytes(), Now, idempotencyKey);

    private static IReadOnlyDictionary<string, string[]> Errors(ParseResult<OrderRequest> result)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.MalformedReason);
        return result.Errors.ToDictionary();
    }

    /// <summary>Parses the body, expecting exactly one invalid field, and returns its messages.</summary>
    private static string[] OnlyError(JsonNode body, string field)
    {
        var errors = Errors(Parse(body));
        Assert.Equal([field], errors.Keys);
        return errors[field];
    }

    [Fact]
    public void Parse_ValidOrder_ReturnsEveryField()
    {
        var body = OrderBodies.Order("order-1");
        body["restaurantId"] = "resto-9";
        body["readyAt"] = "2026-03-02T12:30:00+02:00";

        var result = Parse(body);

        Assert.True(result.IsValid);
        var order = result.Value!;
        Assert.Equal("order-1", order.OrderId);
        Assert.Equal(OrderBodies.Zone, order.Zone);
        Assert.Equal(new GeoPoint(OrderBodies.PickupLat, OrderBodies.PickupLon), order.Pickup);
        Assert.Equal(new GeoPoint(48.8606, 2.3376), order.Dropoff);
        Assert.Equal([new OrderItem("pizza-margherita", 1), new OrderItem("cola", 2)], order.Items);
        Assert.Equal("customer-7", order.CustomerId);
        Assert.Equal("resto-9", order.RestaurantId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.Zero), order.ReadyAt);
        Assert.Equal(TimeSpan.Zero, order.ReadyAt!.Value.Offset);
    }

    [Fact]
    public void Parse_OptionalFieldsAbsentOrNull_IsValid()
    {
        var body = OrderBodies.Order();
        body.Remove("customerId");
        body["restaurantId"] = null;
        body["readyAt"] = null;

        var result = Parse(body);

        Assert.True(result.IsValid);
        Assert.Null(result.Value!.CustomerId);
        Assert.Null(result.Value.RestaurantId);
        Assert.Null(result.Value.ReadyAt);
    }

    [Theory]
    [InlineData("orderId", "is required.")]
    [InlineData("zone", "is required.")]
    [InlineData("pickup", "is required.")]
    [InlineData("dropoff", "is required.")]
    [InlineData("items", "is required.")]
    public void Parse_RequiredFieldMissing_NamesIt(string field, string message)
    {
        var body = OrderBodies.Order();
        body.Remove(field);

        Assert.Equal([message], OnlyError(body, field));
    }

    [Theory]
    [InlineData("orderId")]
    [InlineData("zone")]
    [InlineData("pickup")]
    [InlineData("items")]
    public void Parse_RequiredFieldNull_IsRequired(string field)
    {
        var body = OrderBodies.Order();
        body[field] = null;

        Assert.Equal(["is required."], OnlyError(body, field));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("")]
    public void Parse_BadOrderId_ErrorOnOrderId(string orderId)
    {
        Assert.Single(OnlyError(OrderBodies.Order(orderId), "orderId"));
    }

    [Fact]
    public void Parse_OrderIdTooLong_ErrorSaysTheLimit()
    {
        var message = Assert.Single(OnlyError(OrderBodies.Order(new string('a', 65)), "orderId"));

        Assert.Contains("1 to 64", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OrderIdOfEveryAllowedCharacter_IsValid()
    {
        Assert.True(Parse(OrderBodies.Order("Az09-_.:x")).IsValid);
        Assert.True(Parse(OrderBodies.Order(new string('a', 64))).IsValid);
    }

    [Theory]
    [InlineData("Zone-A")]
    [InlineData("zone_a")]
    [InlineData("zone a")]
    public void Parse_BadZone_ErrorOnZone(string zone)
    {
        var message = Assert.Single(OnlyError(OrderBodies.Order(zone: zone), "zone"));

        Assert.Contains(OrderParser.ZoneCharacters, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pickup", "lat", 90.5)]
    [InlineData("pickup", "lat", -91)]
    [InlineData("pickup", "lon", 180.01)]
    [InlineData("dropoff", "lat", 100)]
    [InlineData("dropoff", "lon", -181)]
    public void Parse_CoordinateOutOfRange_ErrorOnItsPath(string point, string axis, double value)
    {
        var body = OrderBodies.Order();
        body[point]![axis] = value;

        var message = Assert.Single(OnlyError(body, $"{point}.{axis}"));
        Assert.Contains("between", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CoordinateAtBounds_IsValid()
    {
        var body = OrderBodies.Order();
        body["pickup"] = new JsonObject { ["lat"] = 90, ["lon"] = -180 };
        body["dropoff"] = new JsonObject { ["lat"] = -90, ["lon"] = 180 };

        Assert.True(Parse(body).IsValid);
    }

    [Fact]
    public void Parse_CoordinateAsString_ErrorOnDropoffLon()
    {
        var body = OrderBodies.Order();
        body["dropoff"]!["lon"] = "2.3";

        Assert.Equal(["must be a number, not a string."], OnlyError(body, "dropoff.lon"));
    }

    [Fact]
    public void Parse_PointNotAnObject_ErrorOnPoint()
    {
        var body = OrderBodies.Order();
        body["pickup"] = "48.85,2.35";

        Assert.Equal(["must be an object, not a string."], OnlyError(body, "pickup"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Parse_WrongItemCount_ErrorOnItems(int count)
    {
        var body = OrderBodies.Order();
        body["items"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["sku"] = $"sku-{i}", ["quantity"] = 1 })]);

        var message = Assert.Single(OnlyError(body, "items"));
        Assert.Contains("1 to 50", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FiftyItems_IsValid()
    {
        var body = OrderBodies.Order();
        body["items"] = new JsonArray([.. Enumerable.Range(0, 50).Select(i => (JsonNode)new JsonObject { ["sku"] = $"sku-{i}", ["quantity"] = 100 })]);

        Assert.True(Parse(body).IsValid);
    }

    [Fact]
    public void Parse_ItemsNotAnArray_ErrorOnItems()
    {
        var body = OrderBodies.Order();
        body["items"] = new JsonObject { ["sku"] = "x", ["quantity"] = 1 };

        Assert.Equal(["must be an array, not an object."], OnlyError(body, "items"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public void Parse_QuantityOutOfRange_ErrorOnThatItem(int quantity)
    {
        var body = OrderBodies.Order();
        body["items"]![1]!["quantity"] = quantity;

        var message = Assert.Single(OnlyError(body, "items[1].quantity"));
        Assert.Contains("between 1 and 100", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    [InlineData("1e10")]
    public void Parse_QuantityNotAWholeNumber_ErrorOnThatItem(string quantityJson)
    {
        var body = OrderBodies.Order();
        body["items"]![1]!["quantity"] = JsonNode.Parse(quantityJson);

        Assert.Single(OnlyError(body, "items[1].quantity"));
    }

    [Fact]
    public void Parse_SkuMissing_ErrorOnFirstItemSku()
    {
        var body = OrderBodies.Order();
        body["items"]![0]!.AsObject().Remove("sku");

        Assert.Equal(["is required."], OnlyError(body, "items[0].sku"));
    }

    [Fact]
    public void Parse_SkuWithControlCharacter_ErrorOnSku()
    {
        var body = OrderBodies.Order();
        body["items"]![0]!["sku"] = "pizza\u0007";

        Assert.Single(OnlyError(body, "items[0].sku"));
    }

    [Fact]
    public void Parse_ItemNotAnObject_ErrorOnThatItem()
    {
        var body = OrderBodies.Order();
        body["items"]![1] = "cola";

        Assert.Equal(["must be a JSON object, not a string."], OnlyError(body, "items[1]"));
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("")]
    public void Parse_BadCustomerId_ErrorOnCustomerId(string customerId)
    {
        var body = OrderBodies.Order();
        body["customerId"] = customerId;

        Assert.Single(OnlyError(body, "customerId"));
    }

    [Fact]
    public void Parse_CustomerIdNotAString_ErrorOnCustomerId()
    {
        var body = OrderBodies.Order();
        body["customerId"] = 7;

        Assert.Equal(["must be a string, not a number."], OnlyError(body, "customerId"));
    }

    [Fact]
    public void Parse_OrderIdNotAString_ErrorOnOrderId()
    {
        var body = OrderBodies.Order();
        body["orderId"] = 123;

        Assert.Equal(["must be a string, not a number."], OnlyError(body, "orderId"));
    }

    [Theory]
    [InlineData("2026-03-02T12:30:00")]
    [InlineData("2026-03-02 12:30")]
    [InlineData("tomorrow")]
    public void Parse_ReadyAtWithoutOffset_ErrorOnReadyAt(string readyAt)
    {
        var body = OrderBodies.Order();
        body["readyAt"] = readyAt;

        var message = Assert.Single(OnlyError(body, "readyAt"));
        Assert.Contains("offset", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadyAtNotAString_ErrorOnReadyAt()
    {
        var body = OrderBodies.Order();
        body["readyAt"] = 1_700_000_000;

        Assert.Single(OnlyError(body, "readyAt"));
    }

    [Fact]
    public void Parse_ReadyAtMoreThanSevenDaysAhead_ErrorOnReadyAt()
    {
        var body = OrderBodies.Order();
        body["readyAt"] = Now.AddDays(7).AddMinutes(1).ToString("O");

        var message = Assert.Single(OnlyError(body, "readyAt"));
        Assert.Contains("7 days", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadyAtExactlySevenDaysAhead_IsValid()
    {
        var body = OrderBodies.Order();
        body["readyAt"] = Now.AddDays(7).ToString("O");

        Assert.True(Parse(body).IsValid);
    }

    [Fact]
    public void Parse_UnknownField_IsNotAKnownField()
    {
        var body = OrderBodies.Order();
        body["extra"] = 1;

        Assert.Equal(["is not a known field."], OnlyError(body, "extra"));
    }

    [Fact]
    public void Parse_UnknownNestedFields_NamedByPath()
    {
        var body = OrderBodies.Order();
        body["pickup"]!["alt"] = 35;
        body["items"]![1]!["price"] = 3;

        var errors = Errors(Parse(body));

        Assert.Equal(["items[1].price", "pickup.alt"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, m => Assert.Equal(["is not a known field."], m));
    }

    [Fact]
    public void Parse_SeveralBadFields_ReportsAllAtOnce()
    {
        var body = OrderBodies.Order("bad id", "Bad Zone");
        body["pickup"]!["lat"] = 200;
        body["items"]![0]!.AsObject().Remove("sku");
        body["extra"] = true;

        var errors = Errors(Parse(body));

        Assert.Equal(["extra", "items[0].sku", "orderId", "pickup.lat", "zone"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"order\"", "a string")]
    [InlineData("42", "a number")]
    public void Parse_RootNotAnObject_ErrorOnRoot(string json, string described)
    {
        var errors = Errors(OrderParser.Parse(OrderBodies.Raw(json), Now));

        Assert.Equal([$"must be a JSON object, not {described}."], errors["$"]);
    }

    [Fact]
    public void Parse_DuplicateProperty_IsMalformed()
    {
        var json = OrderBodies.Order().ToJsonString().Replace("\"zone\":", "\"zone\":\"zone-b\",\"zone\":", StringComparison.Ordinal);

        var result = OrderParser.Parse(OrderBodies.Raw(json), Now);

        Assert.False(result.IsValid);
        Assert.NotNull(result.MalformedReason);
    }

    [Fact]
    public void Parse_NestedTooDeep_IsMalformed()
    {
        var body = OrderBodies.Order();
        body["extra"] = JsonNode.Parse("[[[[[[[[[1]]]]]]]]]");

        var result = Parse(body);

        Assert.False(result.IsValid);
        Assert.NotNull(result.MalformedReason);
    }

    [Fact]
    public void Parse_EmptyBody_IsMalformed()
    {
        var result = OrderParser.Parse(ReadOnlyMemory<byte>.Empty, Now);

        Assert.False(result.IsValid);
        Assert.Contains("empty", result.MalformedReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orderId=1&zone=a")]
    [InlineData("{\"orderId\": \"o-1\",}")]
    [InlineData("{\"orderId\": \"o-1\" /* comment */}")]
    [InlineData("{")]
    public void Parse_NotJson_IsMalformed(string text)
    {
        var result = OrderParser.Parse(OrderBodies.Raw(text), Now);

        Assert.False(result.IsValid);
        Assert.Contains("not valid JSON", result.MalformedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BodyOver64KiB_IsMalformedWithTheLimit()
    {
        var body = OrderBodies.Order();
        body["customerId"] = new string('a', OrderLimits.MaxBodyBytes);

        var result = Parse(body);

        Assert.False(result.IsValid);
        Assert.Contains("65536", result.MalformedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IdempotencyKeyAlone_SuppliesTheOrderId()
    {
        var body = OrderBodies.Order();
        body.Remove("orderId");

        var result = Parse(body, idempotencyKey: "from-header");

        Assert.True(result.IsValid);
        Assert.Equal("from-header", result.Value!.OrderId);
    }

    [Fact]
    public void Parse_IdempotencyKeyEqualToBody_IsValid()
    {
        var result = Parse(OrderBodies.Order("same-id"), idempotencyKey: "same-id");

        Assert.True(result.IsValid);
        Assert.Equal("same-id", result.Value!.OrderId);
    }

    [Fact]
    public void Parse_IdempotencyKeyDifferentFromBody_ErrorOnOrderId()
    {
        var errors = Errors(Parse(OrderBodies.Order("body-id"), idempotencyKey: "header-id"));

        Assert.Equal(["orderId"], errors.Keys);
        Assert.Contains("Idempotency-Key", Assert.Single(errors["orderId"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Parse_BadIdempotencyKey_ErrorOnHeader(string key)
    {
        var body = OrderBodies.Order();
        body.Remove("orderId");

        var errors = Errors(Parse(body, idempotencyKey: key));

        Assert.Equal(["Idempotency-Key"], errors.Keys);
    }

    [Fact]
    public void Parse_NoIdempotencyKeyAndNoOrderId_OrderIdRequired()
    {
        var body = OrderBodies.Order();
        body.Remove("orderId");

        Assert.Equal(["is required."], OnlyError(body, "orderId"));
    }

    [Theory]
    [InlineData("o-1", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a#b", false)]
    public void IsValidId_Examples(string? id, bool expected) => Assert.Equal(expected, OrderParser.IsValidId(id));
}
