using System.Text.RegularExpressions;

namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>
/// Resolves every module call in a main template that creates role assignments into a
/// <see cref="RoleGrant"/>: role names such as <c>roles.serviceBusDataSender</c> (directly or
/// via a <c>var</c> list) become GUIDs from the template's <c>var roles</c> table, and each
/// assignment's <c>scope:</c> symbol becomes the resource type it points at.
/// </summary>
public static partial class RoleGrantReader
{
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    public static IReadOnlyList<RoleGrant> Read(BicepDocument main, Func<string, BicepDocument> loadModule)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(loadModule);
        var roleTable = RoleTable(main);
        var grants = new List<RoleGrant>();
        foreach (var module in main.Modules)
        {
            var target = loadModule(module.Path);
            var assignments = target.ResourcesOfType(RoleAssignmentType).ToList();
            if (assignments.Count == 0)
            {
                continue;
            }

            var roleExpressions = RolePropertyPattern().Matches(module.Declaration).Select(m => ValueText(module.Declaration, m.Groups["value"]));
            var roleIds = roleExpressions.SelectMany(e => ResolveRoles(main, roleTable, e)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var scopes = assignments
                .Select(a => BicepDocument.Property(a.Body, "scope") ?? "(resource group)")
                .Select(symbol => target.ResourceBySymbol(symbol)?.Type ?? symbol)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            grants.Add(new RoleGrant(
                module,
                BicepDocument.Property(module.Declaration, "principalId") ?? string.Empty,
                ResolveString(main, BicepDocument.Property(module.Declaration, "principalType") ?? string.Empty),
                roleIds,
                scopes));
        }

        return grants;
    }

    /// <summary>A property value, widened to the whole block when it opens an array or object over several lines.</summary>
    private static string ValueText(string text, Group value) =>
        value.Value.StartsWith('[') || value.Value.StartsWith('{') ? BicepText.BlockFrom(text, value.Index) : value.Value;

    /// <summary>The <c>var roles = { name: 'guid' }</c> table of a template.</summary>
    public static IReadOnlyDictionary<string, string> RoleTable(BicepDocument main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var declaration = Regex.Match(main.Text, @"(?m)^\s*var\s+roles\s*=\s*(?=\{)");
        if (!declaration.Success)
        {
            return new Dictionary<string, string>();
        }

        var block = BicepText.BlockFrom(main.Text, declaration.Index + declaration.Length);
        return RoleEntryPattern().Matches(block).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["guid"].Value);
    }

    private static IEnumerable<string> ResolveRoles(BicepDocument main, IReadOnlyDictionary<string, string> table, string expression)
    {
        foreach (Match reference in RoleReferencePattern().Matches(expression))
        {
            var name = reference.Groups["name"].Value;
            yield return table.TryGetValue(name, out var guid) ? guid : $"(unknown role '{name}')";
        }

        var bare = expression.Trim();
        if (Regex.IsMatch(bare, @"^\w+$") && VarBlock(main, bare) is { } varBlock)
        {
            foreach (var guid in ResolveRoles(main, table, varBlock))
            {
                yield return guid;
            }
        }

        foreach (Match literal in GuidPattern().Matches(expression))
        {
            yield return literal.Value;
        }
    }

    /// <summary>A quoted literal as-is, or the default value of a same-named <c>param</c>.</summary>
    private static string ResolveString(BicepDocument main, string expression)
    {
        var trimmed = expression.Trim();
        if (trimmed.StartsWith('\''))
        {
            return trimmed.Trim('\'');
        }

        var param = Regex.Match(main.Text, $@"(?m)^\s*param\s+{Regex.Escape(trimmed)}\s+string\s*=\s*'(?<value>[^']*)'");
        return param.Success ? param.Groups["value"].Value : trimmed;
    }

    private static string? VarBlock(BicepDocument main, string name)
    {
        var declaration = Regex.Match(main.Text, $@"(?m)^\s*var\s+{Regex.Escape(name)}\s*=\s*(?=[\[{{])");
        return declaration.Success ? BicepText.BlockFrom(main.Text, declaration.Index + declaration.Length) : null;
    }

    [GeneratedRegex(@"(?m)^\s*\w*[Rr]ole\w*\s*:\s*(?<value>.+?)\s*$")]
    private static partial Regex RolePropertyPattern();

    [GeneratedRegex(@"\broles\.(?<name>\w+)")]
    private static partial Regex RoleReferencePattern();

    [GeneratedRegex(@"(?m)^\s*(?<name>\w+)\s*:\s*'(?<guid>[0-9a-fA-F-]{36})'")]
    private static partial Regex RoleEntryPattern();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
