using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>The local host's GET /api/events/stream: one Server-Sent Events message per order event, on a subscription of this client's own.</summary>
public sealed class ServerSentEventFeed(HttpClient http) : IOrderEventFeed
{
    public const string Route = "api/events/stream";

    /// <summary>The last message of a stream the host ended because this client read too slowly.</summary>
    public const string DroppedType = "stream-dropped";

    private HttpResponseMessage? _response;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            // The host subscribes before it sends the headers: once they are here, no later event is missed.
            response = await http.GetAsync(Route, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new OrderEventFeedException($"cannot open {http.BaseAddress}{Route} ({ex.Message}).", ex);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new OrderEventFeedException(status == 404
                ? $"{http.BaseAddress}{Route} answered 404: this host has no event stream (the Azure app has none; follow its topic with --events-namespace and --events-subscription)."
                : $"{http.BaseAddress}{Route} answered {status}.");
        }

        _response = response;
    }

    public async IAsyncEnumerable<FollowedEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = _response ?? throw new InvalidOperationException("Connect first.");
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var items = SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (IOException ex)
            {
                throw new OrderEventFeedException($"the event stream broke off ({ex.Message}).", ex);
            }

            if (!more)
                throw new OrderEventFeedException("the host ended the event stream (it stopped?).");
            var item = items.Current;
            if (item.EventType == DroppedType)
                throw new OrderEventFeedException($"the host dropped the event stream: {Describe(item.Data)}");
            // Anything without an id is not an order event (a keep-alive has no fields at all).
            if (item.EventId is not null)
                yield return FollowedEvents.FromJson(item.Data);
        }
    }

    public ValueTask DisposeAsync()
    {
        _response?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Describe(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.GetProperty("description").GetString() ?? data;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return data;
        }
    }
}
