namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// A value ARM only knows at deployment time (a reference(), uniqueString(), subscription() ...),
/// kept as the expression text with every part that could be evaluated already evaluated.
/// </summary>
public sealed record Unresolved(string Text)
{
    public override string ToString() => Text;
}
