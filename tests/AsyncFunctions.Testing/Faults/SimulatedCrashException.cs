namespace AsyncFunctions.Testing.Faults;

/// <summary>Thrown where the simulated process dies; after it, the crashed delivery has no further effect.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("Simulated process crash.") { }

    public SimulatedCrashException(string message) : base(message) { }

    public SimulatedCrashException(string message, Exception innerException) : base(message, innerException) { }
}
