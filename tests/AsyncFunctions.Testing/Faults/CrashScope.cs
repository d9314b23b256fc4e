namespace AsyncFunctions.Testing.Faults;

/// <summary>
/// One unit of work that may "crash": a delivery being handled or a request being served. Once it
/// crashed, every storage call, send and settlement inside it does nothing, as if the process had died.
/// Work outside any scope (set-up, auditing) never crashes.
/// </summary>
public sealed class CrashScope : IDisposable
{
    private static readonly AsyncLocal<CrashScope?> Ambient = new();
    private readonly CrashScope? _previous;

    private CrashScope()
    {
        _previous = Ambient.Value;
        Ambient.Value = this;
    }

    public static CrashScope? Current => Ambient.Value;

    public bool Crashed { get; private set; }

    public static CrashScope Begin() => new();

    public void MarkCrashed() => Crashed = true;

    public void Dispose() => Ambient.Value = _previous;
}
