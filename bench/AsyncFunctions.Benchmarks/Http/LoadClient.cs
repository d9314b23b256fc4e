using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AsyncFunctions.Benchmarks.Systems;

namespace AsyncFunctions.Benchmarks.Http;

/// <summary>
/// A closed-loop load client: a fixed number of connections, each sending the next POST as soon as the
/// previous answer arrived, until a request count or a time limit. Every body carries a fresh orderId.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly int _connections;

    public LoadClient(Uri address, int connections)
    {
        _connections = connections;
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false }) { BaseAddress = address };
    }

    public async Task<LoadSample> RunAsync(string path, int maxRequests, TimeSpan limit, HttpStatusCode expected)
    {
        var sent = -1;
        var unexpected = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, _connections).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) < maxRequests && clock.Elapsed < limit)
            {
                var (_, body) = OrderBodies.Next(zones: 4);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content);
                await response.Content.LoadIntoBufferAsync();
                if (response.StatusCode != expected)
                    Interlocked.Increment(ref unexpected);
            }
        })));
        clock.Stop();
        var done = Math.Min(sent, maxRequests);
        return new LoadSample(done / clock.Elapsed.TotalSeconds, done, unexpected);
    }

    public void Dispose() => _client.Dispose();
}
