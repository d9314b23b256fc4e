using System.Text.RegularExpressions;

namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>
/// A Bicep file read as comment-free text, with its top-level declarations picked out.
/// Good enough for the rules the infra tests enforce; not a Bicep compiler.
/// </summary>
public sealed partial class BicepDocument
{
    public BicepDocument(string text, string name = "inline.bicep")
    {
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        // Normalised so checks behave the same on a CRLF checkout.
        Text = BicepText.StripComments(text.ReplaceLineEndings("\n"));
        Resources = [.. ResourcePattern().Matches(Text).Select(ToResource)];
        Modules = [.. ModulePattern().Matches(Text).Select(ToModule)];
        Outputs = [.. OutputPattern().Matches(Text).Select(m => m.Groups["name"].Value)];
        Params = [.. ParamPattern().Matches(Text).Select(m => m.Groups["name"].Value)];
    }

    public string Name { get; }

    /// <summary>The file's text without comments.</summary>
    public string Text { get; }

    public IReadOnlyList<BicepResource> Resources { get; }

    public IReadOnlyList<BicepModule> Modules { get; }

    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyList<string> Params { get; }

    public static BicepDocument Load(string path) => new(File.ReadAllText(path), path);

    public IEnumerable<BicepResource> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public BicepResource? ResourceBySymbol(string symbol) =>
        Resources.FirstOrDefault(r => r.Symbol == symbol);

    /// <summary>Value text of the first <c>name: value</c> line in <paramref name="body"/>, or null.</summary>
    public static string? Property(string body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        var match = Regex.Match(body, $@"(?m)^\s*'?{Regex.Escape(name)}'?\s*:\s*(?<value>.+?)\s*$");
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>The <c>{ ... }</c> or <c>[ ... ]</c> block that is the value of <paramref name="name"/> in <paramref name="body"/>, or null.</summary>
    public static string? PropertyBlock(string body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        var match = Regex.Match(body, $@"(?m)^\s*'?{Regex.Escape(name)}'?\s*:\s*(?=[\[{{])");
        return match.Success ? BicepText.BlockFrom(body, match.Index + match.Length) : null;
    }

    /// <summary>
    /// A bare identifier replaced by its <c>param</c> default or <c>var</c> value (one level),
    /// with quotes removed from string literals; anything else is returned trimmed.
    /// </summary>
    public string Resolve(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var value = expression.Trim();
        if (Regex.IsMatch(value, @"^[A-Za-z_]\w*$"))
        {
            var declaration = Regex.Match(
                Text, $@"(?m)^\s*(?:param\s+{value}\s+\w+|var\s+{value})\s*=\s*(?<value>.+?)\s*$");
            if (declaration.Success)
            {
                value = declaration.Groups["value"].Value;
            }
        }

        return value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
    }

    /// <summary>Keys of a flat object block such as <c>{ A: 'x' \n B: y }</c>.</summary>
    public static IReadOnlyList<string> ObjectKeys(string block) =>
        [.. ObjectKeyPattern().Matches(block).Select(m => m.Groups["key"].Value)];

    private BicepResource ToResource(Match m)
    {
        var typeAndVersion = m.Groups["type"].Value.Split('@');
        var body = BicepText.BlockFrom(Text, m.Index + m.Length);
        return new BicepResource(
            m.Groups["symbol"].Value,
            typeAndVersion[0],
            typeAndVersion.Length > 1 ? typeAndVersion[1] : null,
            m.Groups["existing"].Success,
            body);
    }

    private BicepModule ToModule(Match m)
    {
        var start = m.Index + m.Length;
        var block = BicepText.BlockFrom(Text, start);
        var blockStart = Text.IndexOf(block, start, StringComparison.Ordinal);
        return new BicepModule(m.Groups["symbol"].Value, m.Groups["path"].Value, Text[start..(blockStart + block.Length)]);
    }

    [GeneratedRegex(@"(?m)^\s*resource\s+(?<symbol>\w+)\s+'(?<type>[^']+)'\s*(?<existing>existing)?\s*=")]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"(?m)^\s*module\s+(?<symbol>\w+)\s+'(?<path>[^']+)'\s*=")]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"(?m)^\s*output\s+(?<name>\w+)\s+\w+")]
    private static partial Regex OutputPattern();

    [GeneratedRegex(@"(?m)^\s*param\s+(?<name>\w+)\s+\w+")]
    private static partial Regex ParamPattern();

    [GeneratedRegex(@"(?m)^\s*'?(?<key>[A-Za-z_][A-Za-z0-9_]*)'?\s*:")]
    private static partial Regex ObjectKeyPattern();
}
