using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Brokers;
using AsyncFunctions.Local.Hosting;
using AsyncFunctions.RabbitMq.Configuration;
using AsyncFunctions.RabbitMq.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Tests;

/// <summary>The --broker switch: the in-process broker by default, RabbitMQ on loopback by name, or any amqp:// URI.</summary>
public sealed class BrokerSwitchTests
{
    [Theory]
    [InlineData(new[] { "--broker", "rabbitmq" }, "--Local:Broker=rabbitmq")]
    [InlineData(new[] { "--broker=amqp://u:p@mq:5672/v" }, "--Local:Broker=amqp://u:p@mq:5672/v")]
    [InlineData(new[] { "--broker" }, "--broker")]
    public void Normalize_BrokerSwitch_BecomesLocalBroker(string[] args, string expected)
    {
        Assert.Equal([expected], LocalCommandLine.Normalize(args));
    }

    [Fact]
    public void Normalize_BrokerBesideStorageAndSeeding_RewritesEach()
    {
        var args = LocalCommandLine.Normalize(["--seed-drivers", "--broker", "rabbitmq", "--storage", "azurite"]);

        Assert.Equal(["--Local:SeedDrivers=true", "--Local:Broker=rabbitmq", "--Local:Storage=azurite"], args);
    }

    [Theory]
    [InlineData("rabbitmq", "amqp://guest:guest@127.0.0.1:5672/")]
    [InlineData("RabbitMQ", "amqp://guest:guest@127.0.0.1:5672/")]
    [InlineData("amqps://app:secret@mq.example.org:5671/dispatch", "amqps://app:secret@mq.example.org:5671/dispatch")]
    public void RabbitMqUriFor_Choice_IsTheBrokerUri(string choice, string expected)
    {
        Assert.Equal(new Uri(expected), LocalBroker.RabbitMqUriFor(choice));
    }

    [Theory]
    [InlineData("kafka")]
    [InlineData("http://127.0.0.1:5672/")]
    public void RabbitMqUriFor_SomethingElse_IsRefusedWithTheAcceptedForms(string choice)
    {
        var refused = Assert.Throws<ArgumentException>(() => LocalBroker.RabbitMqUriFor(choice));
        Assert.Contains("amqp://", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLocalDispatch_NoBroker_ConsumesFromTheInProcessQueue()
    {
        await using var app = Build(broker: null);

        Assert.IsType<InMemoryLocalBroker>(app.Services.GetRequiredService<ILocalBroker>());
        Assert.IsType<InMemoryQueue>(app.Services.GetRequiredKeyedService<IMessagePublisher>("raw"));
    }

    [Fact]
    public async Task AddLocalDispatch_RabbitMqUri_PublishesAndConsumesThereWithTheLocalDeliveryLimit()
    {
        await using var app = Build("amqp://app:secret@mq.example.org:5673/dispatch", ("Local:MaxDeliveryCount", "7"));

        Assert.IsType<RabbitMqLocalBroker>(app.Services.GetRequiredService<ILocalBroker>());
        Assert.IsType<RabbitMqPublisher>(app.Services.GetRequiredKeyedService<IMessagePublisher>("raw"));
        var options = app.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
        Assert.Equal(new Uri("amqp://app:secret@mq.example.org:5673/dispatch"), options.Uri);
        Assert.Equal(7, options.MaxDeliveryCount);
    }

    private static WebApplication Build(string? broker, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Local:Broker"] = broker });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddLocalDispatch();
        return builder.Build();
    }
}
