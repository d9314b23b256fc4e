using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AsyncFunctions.Core.Orders;

/// <summary>
/// The canonical form of an order and its hash. Two bodies are "the same payload" when they say the
/// same thing, whatever their whitespace, field order or number spelling.
/// </summary>
public static class OrderFingerprint
{
    /// <summary>Canonical JSON: fixed field order, UTC timestamps, absent optionals omitted.</summary>
    public static string CanonicalJson(OrderRequest order)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("orderId", order.OrderId);
            json.WriteString("zone", order.Zone);
            WritePoint(json, "pickup", order.Pickup);
            WritePoint(json, "dropoff", order.Dropoff);
            json.WriteStartArray("items");
            foreach (var item in order.Items)
            {
                json.WriteStartObject();
                json.WriteString("sku", item.Sku);
                json.WriteNumber("quantity", item.Quantity);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (order.CustomerId is not null)
                json.WriteString("customerId", order.CustomerId);
            if (order.RestaurantId is not null)
                json.WriteString("restaurantId", order.RestaurantId);
            if (order.ReadyAt is { } readyAt)
                json.WriteString("readyAt", readyAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Hash(OrderRequest order) => HashOf(CanonicalJson(order));

    public static string HashOf(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private static void WritePoint(Utf8JsonWriter json, string name, GeoPoint point)
    {
        json.WriteStartObject(name);
        json.WriteNumber("lat", point.Lat);
        json.WriteNumber("lon", point.Lon);
        json.WriteEndObject();
    }
}
