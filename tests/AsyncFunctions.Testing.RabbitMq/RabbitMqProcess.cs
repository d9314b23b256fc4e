using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace AsyncFunctions.Testing.RabbitMq;

/// <summary>
/// One RabbitMQ node as a plain child process on 127.0.0.1: free ports for AMQP, the Erlang distribution and
/// a private epmd (so parallel runs never meet), its own node name, and its data, logs and config in a
/// temporary folder. It can be stopped (SIGTERM, a clean shutdown), killed (SIGKILL) and started again on the
/// same data and ports, which is how the tests restart the broker under load. Dispose stops the node and its
/// epmd and deletes the folder: nothing is left running.
/// </summary>
public sealed class RabbitMqProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _workspace;
    private readonly string _nodeName;
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private Process? _epmd;
    private Process? _server;

    private RabbitMqProcess(string workspace, TimeSpan? consumerTimeout)
    {
        _workspace = workspace;
        _nodeName = "af" + Guid.NewGuid().ToString("N")[..8] + "@localhost";
        Port = FreePort();
        _distributionPort = FreePort();
        _epmdPort = FreePort();
        ConsumerTimeout = consumerTimeout;
    }

    public int Port { get; }

    /// <summary>The node's name (unique per process object), which its Erlang command line carries: what a test looks for in ps.</summary>
    public string NodeName => _nodeName;

    /// <summary>The private epmd's port.</summary>
    public int EpmdPort => _epmdPort;

    /// <summary>The broker's consumer_timeout, when the test set one (RabbitMQ's default is 30 minutes).</summary>
    public TimeSpan? ConsumerTimeout { get; }

    /// <summary>The guest user, which RabbitMQ admits from loopback only.</summary>
    public Uri AmqpUri => new(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{Port}/"));

    public string Output => string.Join(Environment.NewLine, _output.TakeLast(40));

    public static async Task<RabbitMqProcess> StartAsync(TimeSpan? consumerTimeout = null)
    {
        var workspace = Path.Combine(Path.GetTempPath(), "rabbitmq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workspace);
        var rabbit = new RabbitMqProcess(workspace, consumerTimeout);
        try
        {
            rabbit.WriteConfig();
            rabbit.StartEpmd();
            await rabbit.StartAgainAsync();
            return rabbit;
        }
        catch
        {
            await rabbit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node (again, after <see cref="StopAsync"/> or <see cref="KillAsync"/>) on the same ports, name and data.</summary>
    public async Task StartAgainAsync()
    {
        if (_server is { HasExited: false })
            throw new InvalidOperationException("RabbitMQ is still running.");
        _server?.Dispose();
        var start = new ProcessStartInfo(RabbitMqInstall.LocateServer())
        {
            WorkingDirectory = _workspace,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in ServerEnvironment())
            start.Environment[name] = value;
        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        _server.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilAcceptingAsync();
    }

    /// <summary>SIGTERM: the server script stops the node cleanly (what a service manager does); durable queues and persistent messages survive.</summary>
    public async Task StopAsync()
    {
        if (_server is not { HasExited: false } server)
            return;
        Signal(server.Id, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: true);
        }

        await WaitUntilPortFreeAsync();
    }

    /// <summary>SIGKILL to the whole tree: no shutdown; what the node had confirmed is on disk (quorum queues fsync before confirming).</summary>
    public async Task KillAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        await WaitUntilPortFreeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_server is { HasExited: false } server)
                server.Kill(entireProcessTree: true);
            _server?.Dispose();
            if (_epmd is { HasExited: false } epmd)
            {
                epmd.Kill(entireProcessTree: true);
                await epmd.WaitForExitAsync();
            }

            _epmd?.Dispose();
            if (Directory.Exists(_workspace))
                Directory.Delete(_workspace, recursive: true);
        }
    }

    private IEnumerable<(string Name, string Value)> ServerEnvironment()
    {
        yield return ("HOME", _workspace);
        yield return ("RABBITMQ_NODENAME", _nodeName);
        yield return ("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        yield return ("RABBITMQ_NODE_PORT", Port.ToString(CultureInfo.InvariantCulture));
        yield return ("RABBITMQ_DIST_PORT", _distributionPort.ToString(CultureInfo.InvariantCulture));
        yield return ("ERL_EPMD_PORT", _epmdPort.ToString(CultureInfo.InvariantCulture));
        yield return ("RABBITMQ_MNESIA_BASE", Path.Combine(_workspace, "mnesia"));
        yield return ("RABBITMQ_LOG_BASE", Path.Combine(_workspace, "log"));
        yield return ("RABBITMQ_PID_FILE", Path.Combine(_workspace, "rabbitmq.pid"));
        yield return ("RABBITMQ_CONFIG_FILE", Path.Combine(_workspace, "rabbitmq"));
        yield return ("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(_workspace, "advanced.config"));
        yield return ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(_workspace, "enabled_plugins"));
        yield return ("RABBITMQ_CONF_ENV_FILE", Path.Combine(_workspace, "rabbitmq-env.conf"));
        // The distribution listener would bind every interface by default.
        yield return ("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
    }

    private void WriteConfig()
    {
        var config = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"listeners.tcp.default = 127.0.0.1:{Port}"),
            "log.console = false",
            "log.file.level = warning",
        };
        if (ConsumerTimeout is { } timeout)
            config.Add(string.Create(CultureInfo.InvariantCulture, $"consumer_timeout = {(long)timeout.TotalMilliseconds}"));
        File.WriteAllLines(Path.Combine(_workspace, "rabbitmq.conf"), config);
        File.WriteAllText(Path.Combine(_workspace, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(_workspace, "rabbitmq-env.conf"), "");
        Directory.CreateDirectory(Path.Combine(_workspace, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_workspace, "log"));
    }

    /// <summary>Our own epmd in the foreground, as a child: left to itself the node would start a daemon that outlives the test.</summary>
    private void StartEpmd()
    {
        var start = new ProcessStartInfo(RabbitMqInstall.LocateEpmd(), ["-port", _epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _epmd = Process.Start(start) ?? throw new InvalidOperationException("epmd did not start.");
        _epmd.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("epmd: " + e.Data); };
        _epmd.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("epmd: " + e.Data); };
        _epmd.BeginOutputReadLine();
        _epmd.BeginErrorReadLine();
    }

    /// <summary>The AMQP port opens late in the boot, but only a completed handshake proves the node takes work.</summary>
    private async Task WaitUntilAcceptingAsync()
    {
        var factory = new ConnectionFactory { Uri = AmqpUri, AutomaticRecoveryEnabled = false };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_server!.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with code {_server.ExitCode}:{System.Environment.NewLine}{Output}{System.Environment.NewLine}{LogTail()}");
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException($"RabbitMQ did not accept AMQP on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s:{System.Environment.NewLine}{Output}{System.Environment.NewLine}{LogTail()}");
    }

    private async Task WaitUntilPortFreeAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
            }
            catch (SocketException)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private string LogTail()
    {
        var log = Path.Combine(_workspace, "log");
        return Directory.Exists(log)
            ? string.Join(System.Environment.NewLine, Directory.GetFiles(log, "*.log").SelectMany(f => File.ReadLines(f).TakeLast(20)))
            : "";
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
