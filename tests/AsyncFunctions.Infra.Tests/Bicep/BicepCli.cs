using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace AsyncFunctions.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI restored from NuGet by this project (PackageDownload in the csproj). Missing,
/// tampered with or not runnable is an error, never a skip: the infra tests mean nothing without it.
/// </summary>
public sealed class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private BicepCli(string path, string version)
    {
        Path = path;
        Version = version;
    }

    public string Path { get; }

    public string Version { get; }

    /// <summary>The pinned CLI from the NuGet cache, checked against its pinned SHA-512 and made executable.</summary>
    public static BicepCli FromNuGetCache()
    {
        var path = Metadata("BicepCliPath");
        var version = Metadata("BicepCliVersion");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at {path}. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 {version}: " +
                "run `dotnet restore tests/AsyncFunctions.Infra.Tests` (PackageDownload) and make sure the NuGet source serves it.");
        }

        var expected = Metadata("BicepCliSha512");
        using (var stream = File.OpenRead(path))
        {
            var actual = Convert.ToHexStringLower(SHA512.HashData(stream));
            if (actual != expected)
            {
                throw new InvalidOperationException($"{path} has SHA-512 {actual}, not the pinned {expected}: refusing to run it.");
            }
        }

        // NuGet extracts without guaranteeing the execute bit on every platform.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return new BicepCli(path, version);
    }

    /// <summary>Runs the CLI and returns its exit code and everything it printed.</summary>
    public BicepRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no nagging about newer versions: the version is pinned on purpose.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"Assembly metadata {key} is missing; the csproj sets it.");
}
