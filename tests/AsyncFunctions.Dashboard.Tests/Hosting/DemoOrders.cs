using System.Net.Http.Json;

namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>Valid order bodies near the seeded drivers (Amsterdam), and a way to submit them.</summary>
public static class DemoOrders
{
    public static object Body(string orderId, string zone, double lat = 52.37, double lon = 4.90) => new
    {
        orderId,
        zone,
        pickup = new { lat, lon },
        dropoff = new { lat = lat + 0.01, lon = lon + 0.01 },
        items = new[] { new { sku = "pizza", quantity = 1 } },
    };

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string orderId, string zone) =>
        await client.PostAsJsonAsync("/api/orders", Body(orderId, zone));
}
