using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>The contract's calls over an HttpClient, plus polling for the asynchronous parts.</summary>
public static class ApiClient
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostOrderAsync(this HttpClient client, JsonObject order) =>
        client.SendJsonAsync(HttpMethod.Post, "/api/orders", order.ToJsonString());

    /// <summary>Submits an order as a caller inside a W3C trace does: with its <c>traceparent</c> header.</summary>
    public static Task<HttpResponseMessage> PostOrderAsync(this HttpClient client, JsonObject order, string traceparent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(order.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutDriverAsync(this HttpClient client, string driverId, JsonObject driver) =>
        client.SendJsonAsync(HttpMethod.Put, $"/api/drivers/{driverId}", driver.ToJsonString());

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.StartsWith("/api/", problem.GetProperty("instance").GetString());
        return problem;
    }

    public static async Task<JsonElement> GetOrderAsync(this HttpClient client, string orderId)
    {
        using var response = await client.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Polls GET /api/orders/{id} until the status is reached or the deadline passes; a 404 counts as "not yet" (a partner order is created by its consumer).</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, string orderId, string status, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (true)
        {
            using var response = await client.GetAsync($"/api/orders/{orderId}");
            var current = response.StatusCode == HttpStatusCode.OK ? await response.ReadJsonAsync() : (JsonElement?)null;
            if (current?.GetProperty("status").GetString() == status)
                return current.Value;
            if (DateTime.UtcNow > until)
                Assert.Fail($"Order {orderId} is {current?.GetProperty("status").GetString() ?? response.StatusCode.ToString()}, expected {status} within {(deadline ?? Deadline).TotalSeconds} s.");
            await Task.Delay(25);
        }
    }

    public static async Task<JsonElement> GetDriverAsync(this HttpClient client, string zone, string driverId)
    {
        var drivers = await client.GetFromJsonAsync<JsonElement>($"/api/drivers?zone={zone}");
        return drivers.EnumerateArray().Single(d => d.GetProperty("driverId").GetString() == driverId);
    }

    /// <summary>Polls GET /api/deadletters until one matches.</summary>
    public static async Task<JsonElement> WaitForDeadLetterAsync(this HttpClient client, Func<JsonElement, bool> match)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var list = await client.GetFromJsonAsync<JsonElement>("/api/deadletters?take=500");
            var found = list.EnumerateArray().Where(match).ToList();
            if (found.Count > 0)
                return found[0];
            if (DateTime.UtcNow > until)
                Assert.Fail($"No matching dead letter within {Deadline.TotalSeconds} s; list: {list}");
            await Task.Delay(25);
        }
    }
}
