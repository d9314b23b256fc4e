using System.Diagnostics.Metrics;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Results;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Security;
using Microsoft.Extensions.FileProviders;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// The dashboard at / (static files embedded from wwwroot) and its read endpoint. Local host only: the
/// snapshot scans the in-memory store, which the Azure app must never do per request.
/// </summary>
public static class DashboardExtensions
{
    public const string SnapshotRoute = "/api/dashboard/snapshot";

    // The page loads nothing from elsewhere; users may have no internet, and data never becomes markup.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new AssignmentRateMonitor(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new AssignmentLatencyMonitor(sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        // Resolved with the hosted services, before any of them starts, so the meter listeners see the first assignment.
        builder.Services.AddHostedService(sp => new MonitorActivation(sp.GetRequiredService<AssignmentRateMonitor>(), sp.GetRequiredService<AssignmentLatencyMonitor>()));
        builder.Services.AddSingleton<LiveEventBuffer>();
        // Null topic (none registered): the stream stays empty rather than the dashboard failing to start.
        builder.Services.AddHostedService(sp => new LiveEventReader(sp.GetService<InMemoryTopic>(), sp.GetRequiredService<LiveEventBuffer>(), sp.GetRequiredService<ILogger<LiveEventReader>>()));
        builder.Services.AddSingleton<DashboardSnapshotReader>();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new EmbeddedFileProvider(typeof(DashboardExtensions).Assembly, "AsyncFunctions.Local.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });

        app.MapGet(SnapshotRoute, async (HttpContext context, DashboardSnapshotReader reader) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return DispatchResultMapping.Json(StatusCodes.Status200OK, await reader.ReadAsync(context.RequestAborted));
        }).RequirePermission(LocalRoutePermissions.DashboardSnapshot).ExcludeFromDescription();
        return app;
    }
}
