using AsyncFunctions.LoadGen.Cli;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>The one HttpClient of a run: base address, the function key header, and enough connections for the concurrency asked for.</summary>
public static class LoadHttpClient
{
    public const string FunctionKeyHeader = "x-functions-key";

    public static HttpClient Create(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency * 2,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        Authorize(client, options);
        return client;
    }

    public static void Authorize(HttpClient client, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FunctionKey is { } key)
            client.DefaultRequestHeaders.Add(FunctionKeyHeader, key);
    }
}
