using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AsyncFunctions.Testing.Azurite;

/// <summary>
/// One Azurite table service process on 127.0.0.1: in memory, or persisted to a folder so that it can be
/// killed and started again on the same data and port. <see cref="Pause"/> and <see cref="Resume"/> are
/// SIGSTOP and SIGCONT: the port stays open and requests hang, which is what a stalled storage service
/// looks like from the client, unlike a refused connection.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite's fixed, publicly documented development account; it opens nothing but the local emulator.
    public const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _location;
    private readonly string _workspace;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private AzuriteProcess(int port, string? location, string workspace)
    {
        Port = port;
        _location = location;
        _workspace = workspace;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{Account};";

    /// <summary>Starts Azurite on a free port; with <paramref name="location"/> its tables persist in that folder.</summary>
    public static async Task<AzuriteProcess> StartAsync(string? location = null)
    {
        var workspace = location ?? Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workspace);
        var azurite = new AzuriteProcess(FreePort(), location, workspace);
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts the process (again, after <see cref="Kill"/>) on the same port and, when persisted, the same folder.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("Azurite is still running.");
        _process?.Dispose();
        var start = new ProcessStartInfo(AzuriteInstall.LocateTableLauncher())
        {
            WorkingDirectory = _workspace,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(CultureInfo.InvariantCulture), "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent" })
            start.ArgumentList.Add(argument);
        // In memory and --location together: Azurite 3.37 refuses them and exits at once.
        foreach (var argument in _location is null ? new[] { "--inMemoryPersistence" } : new[] { "--location", _location })
            start.ArgumentList.Add(argument);

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
    }

    /// <summary>SIGSTOP: the process is frozen; connections are still accepted by the kernel, nothing answers.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: the frozen process runs on and answers what queued up meanwhile.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>SIGKILL (what Process.Kill sends on Linux): no shutdown, whatever Azurite had not yet written to disk is gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // A paused process ignores nothing but SIGKILL; continue it anyway so no stopped tree is left behind.
            Signal("CONT");
        }

        Kill();
        _process?.Dispose();
        if (Directory.Exists(_workspace))
            Directory.Delete(_workspace, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>kill(1) with a signal .NET has no API for, to this process only (by its id).</summary>
    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process)
            throw new InvalidOperationException("Azurite is not running.");
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}.");
    }

    private async Task WaitUntilListeningAsync()
    {
        // Generous: node starting Azurite on a 2-core machine shared with other builds has taken over 30 s.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {string.Join(Environment.NewLine, _output)}");
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

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{Port} within 120 s: {string.Join(Environment.NewLine, _output)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
