using System.Net;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests.Security;

/// <summary>The Host allow-list without a socket (the in-process server the other tests use): names still decide.</summary>
public sealed class InProcessHostNameTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Theory]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:7071", HttpStatusCode.OK)]
    [InlineData("[::1]:7071", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("evil.example:7071", HttpStatusCode.BadRequest)]
    public async Task Request_HostName_DecidesWithoutAConnectionPort(string host, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/deadletters");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
