using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>PUT /api/drivers/{driverId} and GET /api/drivers?zone=z.</summary>
public sealed class DriverEndpointsTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Put_NewDriver_Returns201ThenUpdateReturns200()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();

        using var created = await _client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 2));
        using var updated = await _client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 4));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.ReadJsonAsync();
        Assert.Equal(driverId, body.GetProperty("driverId").GetString());
        Assert.Equal(4, body.GetProperty("capacity").GetInt32());
        Assert.Equal(52.37, body.GetProperty("location").GetProperty("lat").GetDouble(), 3);
        Assert.True(body.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Put_InvalidBody_Returns400WithPerFieldErrors()
    {
        var driver = Bodies.Driver(TestIds.Zone());
        driver["capacity"] = -1;
        driver["location"]!["lon"] = 500.0;

        using var response = await _client.PutDriverAsync(TestIds.Driver(), driver);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("capacity", out _));
        Assert.True(errors.TryGetProperty("location.lon", out _));
    }

    [Fact]
    public async Task Put_NotJson_Returns415Problem()
    {
        using var response = await _client.SendJsonAsync(HttpMethod.Put, $"/api/drivers/{TestIds.Driver()}", Bodies.Driver(TestIds.Zone()).ToJsonString(), "text/plain");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Put_MoveZoneWithActiveOrders_Returns409Problem()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var orderId = TestIds.Order();
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone));
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        await _client.WaitForStatusAsync(orderId, "Assigned");

        using var response = await _client.PutDriverAsync(driverId, Bodies.Driver(TestIds.Zone()));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }

    [Fact]
    public async Task List_Zone_Returns200WithOnlyThatZonesDrivers()
    {
        var zone = TestIds.Zone();
        var first = TestIds.Driver();
        var second = TestIds.Driver();
        using var a = await _client.PutDriverAsync(first, Bodies.Driver(zone));
        using var b = await _client.PutDriverAsync(second, Bodies.Driver(zone));
        using var c = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(TestIds.Zone()));

        var drivers = await _client.GetFromJsonAsync<JsonElement>($"/api/drivers?zone={zone}");

        var ids = drivers.EnumerateArray().Select(d => d.GetProperty("driverId").GetString()).ToList();
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task List_UnknownZone_Returns200EmptyList()
    {
        var drivers = await _client.GetFromJsonAsync<JsonElement>($"/api/drivers?zone={TestIds.Zone()}");

        Assert.Equal(0, drivers.GetArrayLength());
    }

    [Theory]
    [InlineData("/api/drivers")]
    [InlineData("/api/drivers?zone=")]
    [InlineData("/api/drivers?zone=Zone%20A")]
    [InlineData("/api/drivers?zone=a&zone=b")]
    public async Task List_MissingOrBadZone_Returns400WithZoneError(string url)
    {
        using var response = await _client.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("zone", out _));
    }
}
