using System.Net;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests.Security;

/// <summary>The Host allow-list that closes DNS rebinding: loopback names only, with the port the host listens on.</summary>
public sealed class LoopbackHostTests(SocketHostFactory factory) : IClassFixture<SocketHostFactory>
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Request_LoopbackNameWithItsPort_IsServed(string name)
    {
        using var response = await SendAsync("/api/deadletters", $"{name}:{factory.Port}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("127.0.0.2")]
    [InlineData("0.0.0.0")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task Request_ForeignNameOnTheRightPort_Is400Problem(string name)
    {
        using var response = await SendAsync("/api/deadletters", $"{name}:{factory.Port}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Unknown host", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Request_LoopbackNameWithAnotherPort_Is400()
    {
        var otherPort = factory.Port == 65535 ? 1 : factory.Port + 1;

        using var withOtherPort = await SendAsync("/api/deadletters", $"localhost:{otherPort}");
        using var withoutPort = await SendAsync("/api/deadletters", "localhost");

        await withOtherPort.AssertProblemAsync(HttpStatusCode.BadRequest);
        await withoutPort.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard.js")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/health")]
    [InlineData("/api/dashboard/snapshot")]
    public async Task Request_ForeignHost_IsRefusedForPagesAndDocumentsToo(string path)
    {
        using var response = await SendAsync(path, $"evil.example:{factory.Port}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Replay_ForeignHost_IsRefusedBeforeTheHandler()
    {
        using var client = factory.CreateSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/deadletters/0000000000000000000-deadbeef/replay");
        request.Headers.Host = $"evil.example:{factory.Port}";

        using var response = await client.SendAsync(request);

        // The unknown id would be a 404 from the handler; 400 shows the request never got that far.
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string host)
    {
        using var client = factory.CreateSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }
}
