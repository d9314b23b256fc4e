using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Hosting;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Tests;

/// <summary>The host's own settings: the --seed-drivers switch, queue options from "Local", validation at start.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public void Normalize_SeedDriversSwitch_BecomesConfigurationKey()
    {
        var args = LocalCommandLine.Normalize(["--seed-drivers", "--urls", "http://127.0.0.1:5099"]);

        Assert.Equal(["--Local:SeedDrivers=true", "--urls", "http://127.0.0.1:5099"], args);
    }

    [Fact]
    public void Normalize_SeedDriversWithValue_KeepsTheValue()
    {
        Assert.Equal(["--Local:SeedDrivers=false"], LocalCommandLine.Normalize(["--seed-drivers=false"]));
    }

    [Fact]
    public async Task SeedDrivers_On_RegistersDemoDriversAndAssignsAtOnce()
    {
        await using var factory = new LocalHostFactory().With("Local:SeedDrivers", "true");
        var client = factory.CreateClient();
        var orderId = TestIds.Order();

        var drivers = await client.GetFromJsonAsync<JsonElement>("/api/drivers?zone=zone-a");
        using var submitted = await client.PostOrderAsync(Bodies.Order(orderId, "zone-a"));

        Assert.True(drivers.GetArrayLength() >= 2);
        Assert.All(drivers.EnumerateArray(), d => Assert.True(d.GetProperty("available").GetBoolean()));
        await client.WaitForStatusAsync(orderId, "Assigned", TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task SeedDrivers_Off_RegistersNoDrivers()
    {
        await using var factory = new LocalHostFactory();

        var drivers = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/drivers?zone=zone-a");

        Assert.Equal(0, drivers.GetArrayLength());
    }

    [Fact]
    public void QueueOptions_FromLocalSection_ShapeTheBroker()
    {
        using var factory = new LocalHostFactory().With("Local:MaxDeliveryCount", "3").With("Local:LockDuration", "00:00:02");

        var queue = factory.Services.GetRequiredService<InMemoryQueue>();

        Assert.Equal(3, queue.Options.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromSeconds(2), queue.Options.LockDuration);
    }

    [Theory]
    [InlineData("Local:Consumers", "0")]
    [InlineData("Local:SweepInterval", "00:00:00")]
    [InlineData("Local:MaxDeliveryCount", "0")]
    [InlineData("Dispatch:LeaseDuration", "00:00:00")]
    public async Task Start_InvalidSetting_FailsNamingIt(string key, string value)
    {
        // Built from the host's own wiring on a test server: start-up fails before anything is served.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddLocalDispatch().AddLocalWorkers();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:10", "00:00:06", "00:00:01", "AbandonDelay")]
    [InlineData("00:00:10", "00:00:01", "00:00:02", "InProcessRetryMaxDelay")]
    public async Task Start_HoldOrRetriesNotWellInsideTheLock_FailsNamingTheSettingAndTheLock(string lockDuration, string abandonDelay, string retryMaxDelay, string setting)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:LockDuration"] = lockDuration,
            ["Resilience:AbandonDelay"] = abandonDelay,
            ["Resilience:InProcessRetryMaxDelay"] = retryMaxDelay,
        });
        builder.AddLocalDispatch().AddLocalWorkers();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Resilience:" + setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("Local:LockDuration: 10 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HoldAndRetriesWellInsideTheLock_Starts()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:LockDuration"] = "00:00:10",
            ["Resilience:AbandonDelay"] = "00:00:05",
            ["Resilience:InProcessRetryMaxDelay"] = "00:00:01",
        });
        builder.AddLocalDispatch().AddLocalWorkers();
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Equal(TimeSpan.FromSeconds(10), app.Services.GetRequiredService<IOptions<ResilienceOptions>>().Value.MessageLockDuration);
        await app.StopAsync();
    }

    [Fact]
    public async Task UnknownRoute_Returns404()
    {
        await using var factory = new LocalHostFactory();

        using var response = await factory.CreateClient().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
