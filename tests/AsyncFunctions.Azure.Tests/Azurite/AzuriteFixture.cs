using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AsyncFunctions.Azure.Tables;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>
/// Azurite's table service on 127.0.0.1 and a free port, in memory, for the whole test collection;
/// stopped (with its process tree) on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's fixed, publicly documented development account; it opens nothing but the local emulator.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _workspace = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{Account};";

    public TableServiceClient CreateServiceClient() => new(ConnectionString);

    /// <summary>The real adapter over this Azurite; tables must exist first (<see cref="CreateTableAsync"/>).</summary>
    public AzureTableStore CreateStore() => new(CreateServiceClient());

    public async Task CreateTableAsync(string table) => await CreateServiceClient().CreateTableIfNotExistsAsync(table);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workspace);
        Port = FreePort();
        var start = new ProcessStartInfo(AzuriteInstall.LocateTableLauncher())
        {
            WorkingDirectory = _workspace,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(CultureInfo.InvariantCulture),
            // In memory and no --location: Azurite 3.37 refuses the two together and exits at once.
            "--inMemoryPersistence", "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(output);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process?.Dispose();
        if (Directory.Exists(_workspace))
            Directory.Delete(_workspace, recursive: true);
        return Task.CompletedTask;
    }

    private async Task WaitUntilListeningAsync(System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        // Generous: node starting Azurite on a 2-core machine shared with other builds has taken over 30 s.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {string.Join(Environment.NewLine, output)}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{Port} within 120 s: {string.Join(Environment.NewLine, output)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
