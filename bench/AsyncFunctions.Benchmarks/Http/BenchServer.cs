using System.Text.Json;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Bodies;
using AsyncFunctions.Http.Routing;
using AsyncFunctions.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Benchmarks.Http;

/// <summary>
/// Kestrel on 127.0.0.1 (ephemeral port) serving the real contract (MapDispatchApi over the in-memory
/// core, as the local host does) and, in the same process, a bare endpoint that reads and parses the
/// same JSON body and answers 202: the HTTP stack's own cost, the baseline of the intake figure.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    public const string BarePath = "/bare/orders";

    private readonly WebApplication _app;

    private BenchServer(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public static async Task<BenchServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDispatchCore().UseInMemory();
        // The benchmark measures the contract's work, as the local host serves it by default: no role check.
        builder.Services.AddCallerAuthorization(requireRoles: false, trustPrincipalHeader: false);
        var app = builder.Build();
        app.MapDispatchApi();
        app.MapPost(BarePath, (Delegate)ParseOnlyAsync);
        await app.StartAsync();
        return new BenchServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<IResult> ParseOnlyAsync(HttpContext context)
    {
        var body = await JsonBodyReader.ReadAsync(context.Request);
        if (body.Refusal is { } refusal)
            return refusal;
        using var document = JsonDocument.Parse(body.Body);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
