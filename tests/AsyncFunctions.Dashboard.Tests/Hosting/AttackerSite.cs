using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>Another web site on loopback (a port the OS picks) with one plain page: what a developer might have open next to the dashboard.</summary>
public sealed class AttackerSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AttackerSite(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public static async Task<AttackerSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/", () => Results.Content("<!doctype html><title>another site</title><p>nothing to see</p>", "text/html"));
        await app.StartAsync();
        return new AttackerSite(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
