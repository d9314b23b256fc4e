using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Results;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Security;
using Microsoft.AspNetCore.Http.Features;

namespace AsyncFunctions.Local.Events;

/// <summary>
/// GET /api/events/stream: every order event as Server-Sent Events, live, for the load generator and anyone who
/// would rather listen than poll. Local host only: in Azure the same events are on the order-events topic.
/// </summary>
public static partial class EventStreamExtensions
{
    public const string Route = "/api/events/stream";

    public static WebApplicationBuilder AddEventStream(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new EventStreamHub(sp.GetService<InMemoryTopic>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    public static WebApplication MapEventStream(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Route, StreamAsync).RequirePermission(LocalRoutePermissions.EventStream).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext context, EventStreamHub hub, IHostApplicationLifetime lifetime, ILogger<EventStreamHub> logger)
    {
        if (!hub.IsAvailable)
            return DispatchProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "No event stream", "This host has no in-process events topic to stream from.");

        using var session = hub.Open();
        var response = context.Response;
        response.ContentType = ServerSentEvents.ContentType;
        response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // A stream never ends by itself: it ends when the client leaves or the host stops, so a stop is not held up by it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // The headers and a first comment go out now: a client that has them knows its subscription exists.
            await response.StartAsync(stop.Token);
            await response.WriteAsync(": subscribed\n\n", stop.Token);
            await response.Body.FlushAsync(stop.Token);
            LogOpened(logger, session.Name);
            if (!await session.StreamAsync(response.Body, EventStreamHub.Capacity, EventStreamHub.KeepAliveEvery, stop.Token))
                LogDropped(logger, session.Name, EventStreamHub.Capacity);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the host is stopping: nothing to answer, the subscription goes with the session.
        }
        catch (IOException)
        {
            // The connection broke mid-write: the same.
        }

        return Results.Empty;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event stream {Subscription} opened.")]
    private static partial void LogOpened(ILogger logger, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream {Subscription} dropped: the client fell {Capacity} events behind.")]
    private static partial void LogDropped(ILogger logger, string subscription, int capacity);
}
