using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>
/// A bounded, steady order load on intake: a few clients, each posting a new order about once a second
/// and, on a 503, posting the same order again after its Retry-After, as a well-behaved client does.
/// Every answer is kept with the time its request started.
/// </summary>
internal sealed class OrderLoad : IAsyncDisposable
{
    private const int Clients = 4;
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(1);

    private readonly HttpClient _client;
    private readonly int _maxOrders;
    private readonly string[] _zones;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<IntakeAnswer> _answers = new();
    private readonly Task _run;
    private int _next = -1;

    private OrderLoad(HttpClient client, int maxOrders, string[] zones)
    {
        _client = client;
        _maxOrders = maxOrders;
        _zones = zones;
        _run = Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)));
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Orders intake accepted (202, or 200 for the same order posted again), with when the accepting answer came.</summary>
    public ConcurrentDictionary<string, TimeSpan> Accepted { get; } = new(StringComparer.Ordinal);

    public int Submitted => Math.Min(Volatile.Read(ref _next) + 1, _maxOrders);

    public IReadOnlyCollection<IntakeAnswer> Answers => _answers.ToArray();

    public static OrderLoad Start(HttpClient client, int maxOrders, string[] zones) => new(client, maxOrders, zones);

    /// <summary>The answers to requests that started in [from, to).</summary>
    public IReadOnlyCollection<IntakeAnswer> AnswersBetween(TimeSpan from, TimeSpan to) =>
        _answers.Where(a => a.StartedAt >= from && a.StartedAt < to).ToArray();

    /// <summary>No new orders; the ones in flight are posted until accepted.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private async Task ClientAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var i = Interlocked.Increment(ref _next);
            if (i >= _maxOrders)
                return;
            await PostUntilAcceptedAsync(string.Create(CultureInfo.InvariantCulture, $"ro-{i:D4}"), _zones[i % _zones.Length]);
            try
            {
                await Task.Delay(Pace, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The client posts an accepted order again (same id, same body), until intake accepts it again.</summary>
    public Task ResubmitAsync(string orderId)
    {
        var index = int.Parse(orderId.AsSpan(orderId.LastIndexOf('-') + 1), NumberStyles.Integer, CultureInfo.InvariantCulture);
        return PostUntilAcceptedAsync(orderId, _zones[index % _zones.Length]);
    }

    private async Task PostUntilAcceptedAsync(string orderId, string zone)
    {
        var body = $$"""{"orderId":"{{orderId}}","zone":"{{zone}}","pickup":{"lat":52.1,"lon":4.1},"dropoff":{"lat":52.2,"lon":4.2},"items":[{"sku":"soup","quantity":1}]}""";
        while (true)
        {
            var started = _clock.Elapsed;
            TimeSpan wait;
            try
            {
                using var response = await _client.PostAsync("api/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                var retryAfter = response.Headers.RetryAfter?.Delta;
                _answers.Enqueue(new IntakeAnswer(orderId, started, (int)response.StatusCode, retryAfter is not null, null));
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    Accepted[orderId] = _clock.Elapsed;
                    return;
                }

                wait = retryAfter ?? TimeSpan.FromSeconds(5);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // No answer at all (the request timed out or the connection broke): counted, then tried again.
                _answers.Enqueue(new IntakeAnswer(orderId, started, 0, false, ex.GetType().Name));
                wait = TimeSpan.FromSeconds(5);
            }

            await Task.Delay(wait);
        }
    }
}
