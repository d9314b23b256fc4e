using System.Net;
using System.Text;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests;

/// <summary>What POST /api/orders puts on the bus: source "http" and the caller's correlation id.</summary>
public sealed class OrderCorrelationTests
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Theory]
    [InlineData("X-Correlation-Id", "corr-7f3a")]
    [InlineData("traceparent", TraceParent)]
    public async Task Submit_CorrelationHeader_TravelsOnTheMessage(string header, string value)
    {
        var publisher = new RecordingPublisher();
        await using var factory = new LocalHostFactory().WithServices(services => services.AddSingleton<IMessagePublisher>(publisher));
        var orderId = TestIds.Order();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(Bodies.Order(orderId, TestIds.Zone()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(publisher.Sent);
        Assert.Equal(orderId, message.MessageId);
        Assert.Equal(value, message.CorrelationId);
        Assert.Equal("http", message.ApplicationProperties[MessageProperties.Source]);
    }

    [Fact]
    public async Task Submit_BothHeaders_PrefersTheExplicitCorrelationId()
    {
        var publisher = new RecordingPublisher();
        await using var factory = new LocalHostFactory().WithServices(services => services.AddSingleton<IMessagePublisher>(publisher));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(Bodies.Order(TestIds.Order(), TestIds.Zone()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("traceparent", TraceParent);
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "corr-explicit");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("corr-explicit", Assert.Single(publisher.Sent).CorrelationId);
    }
}
