namespace AsyncFunctions.LoadGen;

/// <summary>What the process exit code says, for scripts that run the load generator.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run finished but some orders were refused, failed in transport, or dead-lettered.</summary>
    public const int Degraded = 1;

    public const int BadArguments = 2;

    /// <summary>The URL could not be reached, or the server refused the drivers (wrong key, wrong URL).</summary>
    public const int Unreachable = 3;
}
