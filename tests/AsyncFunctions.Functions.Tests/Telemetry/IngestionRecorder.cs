using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AsyncFunctions.Functions.Tests.Telemetry;

/// <summary>
/// Application Insights' ingestion endpoint, in memory: the Azure Monitor exporter's HTTP transport in these
/// tests. It keeps every telemetry envelope it is sent with the Authorization header it came with, and accepts all.
/// </summary>
internal sealed class IngestionRecorder : HttpMessageHandler
{
    private readonly ConcurrentQueue<(string? Authorization, JsonObject Envelope)> _envelopes = new();
    private int _requests;

    /// <summary>How many requests reached the endpoint, whatever they carried.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<(string? Authorization, JsonObject Envelope)> Envelopes => [.. _envelopes];

    /// <summary>The envelopes of one telemetry type (<c>RemoteDependencyData</c>, <c>MetricData</c>, <c>MessageData</c>, …).</summary>
    public IEnumerable<(string? Authorization, JsonObject Envelope)> OfType(string baseType) =>
        Envelopes.Where(e => (string?)e.Envelope["data"]?["baseType"] == baseType);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var authorization = request.Headers.Authorization?.ToString();
        var received = 0;
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var gzip = request.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase);
            foreach (var line in Decode(body, gzip).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (JsonNode.Parse(line) is JsonObject envelope)
                {
                    _envelopes.Enqueue((authorization, envelope));
                    received++;
                }
            }
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"itemsReceived":{{received}},"itemsAccepted":{{received}},"errors":[]}""", Encoding.UTF8, "application/json"),
        };
    }

    private static string Decode(byte[] body, bool gzip)
    {
        if (!gzip)
            return Encoding.UTF8.GetString(body);
        using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
