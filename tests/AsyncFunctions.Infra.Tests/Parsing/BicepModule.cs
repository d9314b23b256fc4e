using System.Text.RegularExpressions;

namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>A <c>module</c> declaration: symbol, referenced path, and everything after '=' (condition or loop included).</summary>
public sealed record BicepModule(string Symbol, string Path, string Declaration)
{
    public bool IsConditional => Declaration.TrimStart().StartsWith("if", StringComparison.Ordinal);

    public bool IsLoop => Regex.IsMatch(Declaration, @"^\s*\[\s*for\b");
}
