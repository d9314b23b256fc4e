using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Dashboard.Tests.Hosting;
using AsyncFunctions.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>
/// The OpenAPI document against reality: every contract route is hit with requests that produce each
/// status it can answer (503 with storage down), and the document must list exactly those statuses,
/// with problem+json for every error, Location on 202 and Retry-After on 503.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private const string ProblemJson = "application/problem+json";

    private readonly SocketLocalHostFactory _host = new();
    private readonly LocalHostFactory _storageDown = new SocketLocalHostFactory().WithServices(services => services.AddSingleton<ITableStore>(new UnavailableTableStore()));
    private readonly Dictionary<(string Method, string Route), SortedSet<int>> _observed = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _storageDown.DisposeAsync();
    }

    [Fact]
    public async Task Document_EveryContractRoute_ListsExactlyTheStatusesTheRouteAnswers()
    {
        await ObserveWorkingHostAsync();
        await ObserveStorageDownAsync();

        using var document = await ReadDocumentAsync();
        var documented = new Dictionary<(string Method, string Route), SortedSet<int>>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var statuses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture));
                documented[(operation.Name.ToUpperInvariant(), path.Name)] = [.. statuses];
            }
        }

        Assert.Equal(_observed.Keys.OrderBy(k => k.Route).ThenBy(k => k.Method), documented.Keys.OrderBy(k => k.Route).ThenBy(k => k.Method));
        foreach (var (route, statuses) in _observed)
            Assert.True(statuses.SetEquals(documented[route]), $"{route.Method} {route.Route}: observed [{string.Join(", ", statuses)}], documented [{string.Join(", ", documented[route])}]");
    }

    [Fact]
    public async Task Document_ErrorsHeadersAndBodies_DescribeTheWire()
    {
        using var document = await ReadDocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                    Assert.True(response.Value.GetProperty("content").TryGetProperty(ProblemJson, out _), $"{operation.Name} {path.Name} {response.Name} is not problem+json");
                if (operation.Value.GetProperty("responses").TryGetProperty("503", out var unavailable))
                    Assert.True(unavailable.GetProperty("headers").TryGetProperty("Retry-After", out _));
            }
        }

        var submit = paths.GetProperty("/api/orders").GetProperty("post");
        Assert.Equal("SubmitOrder", submit.GetProperty("operationId").GetString());
        Assert.True(submit.GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _));
        Assert.Contains(submit.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        var body = submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["dropoff", "items", "orderId", "pickup", "zone"], body.GetProperty("required").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(paths.GetProperty("/api/drivers").GetProperty("get").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "zone" && p.GetProperty("required").GetBoolean());
        var status = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("OrderStatus");
        Assert.Contains(status.GetProperty("enum").EnumerateArray(), v => v.GetString() == "AwaitingDriver");
        Assert.False(paths.TryGetProperty("/api/dashboard/snapshot", out _), "the dashboard's local-only read endpoint is not part of the contract");
    }

    private async Task ObserveWorkingHostAsync()
    {
        using var client = _host.CreateSocketClient();

        // Orders: accepted, duplicate, invalid, conflicting, too large, not JSON.
        await ObserveAsync("POST", "/api/orders", DemoOrders.SubmitAsync(client, "oa-1", "zone-x"), HttpStatusCode.Accepted, location: "/api/orders/oa-1");
        await ObserveAsync("POST", "/api/orders", DemoOrders.SubmitAsync(client, "oa-1", "zone-x"), HttpStatusCode.OK);
        await ObserveAsync("POST", "/api/orders", client.PostAsJsonAsync("/api/orders", new { zone = "zone-x" }), HttpStatusCode.BadRequest);
        await ObserveAsync("POST", "/api/orders", DemoOrders.SubmitAsync(client, "oa-1", "zone-y"), HttpStatusCode.Conflict);
        await ObserveAsync("POST", "/api/orders", client.PostAsync("/api/orders", Json(new string(' ', 70_000) + "{}")), HttpStatusCode.RequestEntityTooLarge);
        await ObserveAsync("POST", "/api/orders", client.PostAsync("/api/orders", new StringContent("orderId=1", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);

        await ObserveAsync("GET", "/api/orders/{orderId}", client.GetAsync("/api/orders/oa-1"), HttpStatusCode.OK);
        await ObserveAsync("GET", "/api/orders/{orderId}", client.GetAsync("/api/orders/missing"), HttpStatusCode.NotFound);
        await ObserveAsync("GET", "/api/orders/{orderId}/events", client.GetAsync("/api/orders/oa-1/events"), HttpStatusCode.OK);
        await ObserveAsync("GET", "/api/orders/{orderId}/events", client.GetAsync("/api/orders/missing/events"), HttpStatusCode.NotFound);

        // Drivers: created, updated, invalid, too large, not JSON; moving zones with an active order is refused.
        await ObserveAsync("PUT", "/api/drivers/{driverId}", PutDriverAsync(client, "d-1", "zone-m"), HttpStatusCode.Created);
        await ObserveAsync("PUT", "/api/drivers/{driverId}", PutDriverAsync(client, "d-1", "zone-m"), HttpStatusCode.OK);
        await ObserveAsync("PUT", "/api/drivers/{driverId}", client.PutAsJsonAsync("/api/drivers/d-1", new { zone = "zone-m", capacity = -1 }), HttpStatusCode.BadRequest);
        await ObserveAsync("PUT", "/api/drivers/{driverId}", client.PutAsync("/api/drivers/d-1", Json(new string(' ', 70_000) + "{}")), HttpStatusCode.RequestEntityTooLarge);
        await ObserveAsync("PUT", "/api/drivers/{driverId}", client.PutAsync("/api/drivers/d-1", new StringContent("zone=a", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await DemoOrders.SubmitAsync(client, "oa-m", "zone-m");
        await WaitForStatusAsync(client, "oa-m", "Assigned");
        await ObserveAsync("PUT", "/api/drivers/{driverId}", PutDriverAsync(client, "d-1", "zone-n"), HttpStatusCode.Conflict);

        // Delivery: not Assigned (zone-x has no driver), delivered, unknown.
        await ObserveAsync("POST", "/api/orders/{orderId}/delivered", client.PostAsync("/api/orders/oa-1/delivered", null), HttpStatusCode.Conflict);
        await ObserveAsync("POST", "/api/orders/{orderId}/delivered", client.PostAsync("/api/orders/oa-m/delivered", null), HttpStatusCode.OK);
        await ObserveAsync("POST", "/api/orders/{orderId}/delivered", client.PostAsync("/api/orders/missing/delivered", null), HttpStatusCode.NotFound);

        await ObserveAsync("GET", "/api/drivers", client.GetAsync("/api/drivers?zone=zone-m"), HttpStatusCode.OK);
        await ObserveAsync("GET", "/api/drivers", client.GetAsync("/api/drivers"), HttpStatusCode.BadRequest);

        // Dead letters: a partner's invalid message is recorded, listed and replayed.
        // The body names no zone; the queue is session-enabled, so the partner still sends it in a session.
        await _host.Queue.SendAsync(new OutboundMessage("bad-partner-order", Encoding.UTF8.GetBytes("""{"orderId":"bad-partner-order"}""")) { SessionId = "no-zone" });
        var id = await WaitForDeadLetterAsync(client);
        await ObserveAsync("GET", "/api/deadletters", client.GetAsync("/api/deadletters"), HttpStatusCode.OK);
        await ObserveAsync("GET", "/api/deadletters", client.GetAsync("/api/deadletters?take=0"), HttpStatusCode.BadRequest);
        await ObserveAsync("POST", "/api/deadletters/{id}/replay", client.PostAsync($"/api/deadletters/{id}/replay", null), HttpStatusCode.Accepted);
        await ObserveAsync("POST", "/api/deadletters/{id}/replay", client.PostAsync("/api/deadletters/0000000000000000099-00000000/replay", null), HttpStatusCode.NotFound);

        await ObserveAsync("GET", "/api/health", client.GetAsync("/api/health"), HttpStatusCode.OK);
    }

    private async Task ObserveStorageDownAsync()
    {
        using var client = _storageDown.CreateSocketClient();
        const HttpStatusCode down = HttpStatusCode.ServiceUnavailable;
        await ObserveAsync("POST", "/api/orders", DemoOrders.SubmitAsync(client, "sd-1", "zone-a"), down);
        await ObserveAsync("GET", "/api/orders/{orderId}", client.GetAsync("/api/orders/sd-1"), down);
        await ObserveAsync("GET", "/api/orders/{orderId}/events", client.GetAsync("/api/orders/sd-1/events"), down);
        await ObserveAsync("POST", "/api/orders/{orderId}/delivered", client.PostAsync("/api/orders/sd-1/delivered", null), down);
        await ObserveAsync("PUT", "/api/drivers/{driverId}", PutDriverAsync(client, "d-9", "zone-a"), down);
        await ObserveAsync("GET", "/api/drivers", client.GetAsync("/api/drivers?zone=zone-a"), down);
        await ObserveAsync("GET", "/api/deadletters", client.GetAsync("/api/deadletters"), down);
        await ObserveAsync("POST", "/api/deadletters/{id}/replay", client.PostAsync("/api/deadletters/0000000000000000001-00000000/replay", null), down);
    }

    private async Task ObserveAsync(string method, string route, Task<HttpResponseMessage> request, HttpStatusCode expected, string? location = null)
    {
        using var response = await request;
        var status = (int)response.StatusCode;
        Assert.True(response.StatusCode == expected, $"{method} {route}: expected {(int)expected}, got {status}: {await response.Content.ReadAsStringAsync()}");
        if (status >= 400)
            Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        if (status == 503)
            Assert.True(response.Headers.RetryAfter is not null, $"{method} {route}: 503 without Retry-After");
        if (location is not null)
            Assert.Equal(location, response.Headers.Location?.OriginalString);
        if (!_observed.TryGetValue((method, route), out var statuses))
            _observed[(method, route)] = statuses = [];
        statuses.Add(status);
    }

    private async Task<JsonDocument> ReadDocumentAsync()
    {
        using var client = _host.CreateSocketClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PutDriverAsync(HttpClient client, string driverId, string zone) =>
        client.PutAsJsonAsync($"/api/drivers/{driverId}", new { zone, capacity = 1, location = new { lat = 52.37, lon = 4.90 }, available = true });

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task WaitForStatusAsync(HttpClient client, string orderId, string status)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/orders/{orderId}"));
            if (document.RootElement.GetProperty("status").GetString() == status)
                return;
        }

        Assert.Fail($"Order {orderId} never became {status}.");
    }

    private static async Task<string> WaitForDeadLetterAsync(HttpClient client)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync("/api/deadletters"));
            if (document.RootElement.GetArrayLength() > 0)
                return document.RootElement[0].GetProperty("id").GetString()!;
        }

        Assert.Fail("The invalid partner message was never recorded as a dead letter.");
        return "";
    }
}
