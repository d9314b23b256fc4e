using System.Text;

namespace AsyncFunctions.Local.Tests.Observability;

/// <summary>
/// What a host's console logger writes, captured line by line. The console logger binds to
/// <see cref="Console.Out"/> when its provider is built, so <see cref="Attach"/> swaps it in only while the
/// host starts; the host keeps writing here, every other writer goes back to the real console.
/// </summary>
public sealed class ConsoleCapture : TextWriter
{
    private static readonly Lock Swap = new();
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Runs <paramref name="startHost"/> with this writer as the console.</summary>
    public void Attach(Action startHost)
    {
        ArgumentNullException.ThrowIfNull(startHost);
        lock (Swap)
        {
            var original = Console.Out;
            Console.SetOut(this);
            try
            {
                startHost();
            }
            finally
            {
                Console.SetOut(original);
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate)
            _text.Append(value);
    }

    /// <summary>Every complete line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            string text;
            lock (_gate)
                text = _text.ToString();
            var end = text.LastIndexOf('\n');
            return end < 0 ? [] : text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }
}
