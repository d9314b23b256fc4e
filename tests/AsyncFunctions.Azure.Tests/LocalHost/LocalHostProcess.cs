using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>
/// The real local host (src/AsyncFunctions.Local, as built next to this test) as a child process on
/// 127.0.0.1 and a free port. <see cref="KillAsync"/> is SIGKILL: no shutdown hook, no drain, the
/// in-process broker and whatever it held are gone, exactly like a crashed machine.
/// </summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LocalHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Output => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>Everything the host wrote so far, for a test that must explain a failure.</summary>
    public IReadOnlyList<string> AllOutput => _output.ToArray();

    public static async Task<LocalHostProcess> StartAsync(IEnumerable<string> arguments)
    {
        var port = FreePort();
        var dll = LocateHost();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var host = new LocalHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), new Uri($"http://127.0.0.1:{port}/"));
        host._process.OutputDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        host._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>SIGKILL (what Process.Kill sends on Linux), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        // Generous: a cold start on a 2-core machine shared with other builds can take long.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The local host exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await Client.GetAsync("api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The local host did not answer /api/health within 120 s:{Environment.NewLine}{Output}");
    }

    /// <summary>src/AsyncFunctions.Local/bin/&lt;configuration&gt;/net10.0/AsyncFunctions.Local.dll, built by this project's reference.</summary>
    private static string LocateHost()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "AsyncFunctions.Local", "bin", configuration, framework, "AsyncFunctions.Local.dll");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException($"AsyncFunctions.Local.dll ({configuration}/{framework}) not found above {AppContext.BaseDirectory}: build src/AsyncFunctions.Local.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
