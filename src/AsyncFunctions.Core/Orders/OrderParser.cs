using System.Text.Json;
using System.Text.RegularExpressions;

namespace AsyncFunctions.Core.Orders;

/// <summary>Turns an order body (HTTP or bus) into a validated <see cref="OrderRequest"/> or per-field errors.</summary>
public static partial class OrderParser
{
    public const string IdCharacters = "letters, digits and - _ . :";
    public const string ZoneCharacters = "lowercase letters, digits and -";

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    public static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9-]+$")]
    public static partial Regex ZonePattern();

    // SKUs are free text, but control characters would corrupt logs and CSV exports.
    [GeneratedRegex(@"^[^\p{C}]+$")]
    private static partial Regex PrintablePattern();

    /// <summary>True for a well-formed order (or customer, restaurant, driver) id.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= OrderLimits.MaxIdLength } && IdPattern().IsMatch(id);

    /// <param name="body">UTF-8 JSON.</param>
    /// <param name="now">The current time, to bound readyAt.</param>
    /// <param name="idempotencyKey">The Idempotency-Key header, which may carry the order id.</param>
    public static ParseResult<OrderRequest> Parse(ReadOnlyMemory<byte> body, DateTimeOffset now, string? idempotencyKey = null)
    {
        if (!JsonBody.TryParse(body, out var document, out var malformed))
            return ParseResult<OrderRequest>.Malformed(malformed);
        using (document)
        {
            var errors = new ValidationErrors();
            if (!JsonFieldReader.IsObject(document.RootElement, "", errors))
                return ParseResult<OrderRequest>.Invalid(errors);

            var order = Read(new JsonFieldReader(document.RootElement, "", errors), now, idempotencyKey);
            return errors.IsEmpty && order.IsComplete
                ? ParseResult<OrderRequest>.Valid(new OrderRequest(
                    order.OrderId, order.Zone, order.Pickup.Value, order.Dropoff.Value, order.Items, order.CustomerId, order.RestaurantId, order.ReadyAt))
                : ParseResult<OrderRequest>.Invalid(errors);
        }
    }

    private static OrderFields Read(JsonFieldReader reader, DateTimeOffset now, string? idempotencyKey)
    {
        var orderId = ReadOrderId(reader, idempotencyKey);
        var zone = reader.String("zone", required: true, ZonePattern(), ZoneCharacters);
        var pickup = ReadPoint(reader, "pickup");
        var dropoff = ReadPoint(reader, "dropoff");
        var items = ReadItems(reader);
        var customerId = reader.String("customerId", required: false, IdPattern(), IdCharacters);
        var restaurantId = reader.String("restaurantId", required: false, IdPattern(), IdCharacters);
        var readyAt = reader.Timestamp("readyAt");
        if (readyAt > now + OrderLimits.MaxReadyAhead)
            reader.Fail("readyAt", $"must be at most {OrderLimits.MaxReadyAhead.TotalDays} days ahead.");
        reader.RejectUnknown();
        return new OrderFields(orderId, zone, pickup, dropoff, items, customerId, restaurantId, readyAt?.ToUniversalTime());
    }

    private static string? ReadOrderId(JsonFieldReader reader, string? idempotencyKey)
    {
        var fromBody = reader.String("orderId", required: idempotencyKey is null, IdPattern(), IdCharacters);
        if (idempotencyKey is null)
            return fromBody;
        if (idempotencyKey.Length is 0 or > OrderLimits.MaxIdLength || !IdPattern().IsMatch(idempotencyKey))
        {
            reader.Errors.Add("Idempotency-Key", $"must be 1 to {OrderLimits.MaxIdLength} of {IdCharacters}.");
            return null;
        }

        if (fromBody is not null && fromBody != idempotencyKey)
            reader.Fail("orderId", "differs from the Idempotency-Key header; send one id or make them equal.");
        return idempotencyKey;
    }

    private static GeoPoint? ReadPoint(JsonFieldReader parent, string name)
    {
        if (parent.Child(name, JsonValueKind.Object) is not { } element)
            return null;
        var reader = new JsonFieldReader(element, parent.PathOf(name), parent.Errors);
        var lat = reader.Number("lat", -90, 90);
        var lon = reader.Number("lon", -180, 180);
        reader.RejectUnknown();
        return lat is { } la && lon is { } lo ? new GeoPoint(la, lo) : null;
    }

    private static List<OrderItem>? ReadItems(JsonFieldReader parent)
    {
        if (parent.Child("items", JsonValueKind.Array) is not { } array)
            return null;
        var count = array.GetArrayLength();
        if (count is 0 or > OrderLimits.MaxItems)
        {
            parent.Fail("items", $"must hold 1 to {OrderLimits.MaxItems} items (got {count}).");
            return null;
        }

        var items = new List<OrderItem>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"{parent.PathOf("items")}[{index++}]";
            if (!JsonFieldReader.IsObject(element, path, parent.Errors))
                continue;
            var reader = new JsonFieldReader(element, path, parent.Errors);
            var sku = reader.String("sku", required: true, PrintablePattern(), "printable characters");
            var quantity = reader.Integer("quantity", 1, OrderLimits.MaxQuantity);
            reader.RejectUnknown();
            if (sku is not null && quantity is { } q)
                items.Add(new OrderItem(sku, q));
        }

        return items.Count == count ? items : null;
    }
}
