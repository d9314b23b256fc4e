using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AsyncFunctions.Testing.Bodies;

namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>Valid order bodies near the seeded drivers (Amsterdam), and a way to submit them.</summary>
public static class DemoOrders
{
    public static JsonObject Body(string orderId, string zone, double lat = 52.37, double lon = 4.90) =>
        ContractBodies.Order(orderId, zone, (lat, lon), (lat + 0.01, lon + 0.01), ("pizza", 1));

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string orderId, string zone) =>
        await client.PostAsJsonAsync("/api/orders", Body(orderId, zone));
}
