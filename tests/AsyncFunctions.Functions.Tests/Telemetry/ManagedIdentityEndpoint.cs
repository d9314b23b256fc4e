using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The token endpoint App Service gives an app's managed identities (<c>IDENTITY_ENDPOINT</c> with
/// <c>IDENTITY_HEADER</c>), on 127.0.0.1 and a free port: Azure.Identity's <c>ManagedIdentityCredential</c> asks
/// it for tokens exactly as it would on a Functions instance, so a test sees which identity was asked for.
/// </summary>
internal sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    public const string Header = "test-identity-header";

    private static readonly string[] Variables = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT"];

    private readonly WebApplication _app;
    private readonly Dictionary<string, string?> _saved;
    private readonly ConcurrentQueue<IQueryCollection> _requests = new();

    private ManagedIdentityEndpoint(WebApplication app, Dictionary<string, string?> saved)
    {
        _app = app;
        _saved = saved;
    }

    /// <summary>The access token every request is answered with.</summary>
    public string AccessToken { get; } = $"token-{Guid.NewGuid():N}";

    /// <summary>The query of every token request (<c>client_id</c> names the user-assigned identity asked for).</summary>
    public IReadOnlyList<IQueryCollection> Requests => [.. _requests];

    /// <summary>Starts the endpoint and points this process's App Service identity variables at it until disposed.</summary>
    public static async Task<ManagedIdentityEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        var endpoint = new ManagedIdentityEndpoint(app, saved);
        app.MapGet("/msi/token", (HttpRequest request) =>
        {
            if (request.Headers["X-IDENTITY-HEADER"] != Header)
                return Results.Unauthorized();
            endpoint._requests.Enqueue(request.Query);
            var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            return Results.Json(new Dictionary<string, object?>
            {
                ["access_token"] = endpoint.AccessToken,
                ["expires_on"] = expiresOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = request.Query["resource"].ToString(),
                ["token_type"] = "Bearer",
                ["client_id"] = request.Query["client_id"].ToString(),
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        foreach (var variable in Variables)
            Environment.SetEnvironmentVariable(variable, null);
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", $"{address}/msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", Header);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (variable, value) in _saved)
            Environment.SetEnvironmentVariable(variable, value);
        await _app.DisposeAsync();
    }
}
