using System.Text.RegularExpressions;
using AsyncFunctions.Http.Authorization;

namespace AsyncFunctions.Http.Tests.Authorization;

/// <summary>docs/security.md shows the same route → permission table as the code, row for row.</summary>
public sealed partial class SecurityDocumentTests
{
    private const string LocalOnly = " (local host only)";

    [Fact]
    public void RouteTable_InTheDocument_IsTheTableInCode()
    {
        var documented = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "security.md"))
            .Select(line => Row().Match(line))
            .Where(match => match.Success && !match.Groups["where"].Value.Contains(LocalOnly, StringComparison.Ordinal))
            .Select(match => $"{match.Groups["route"].Value} → {(match.Groups["permission"].Value.StartsWith("none", StringComparison.Ordinal) ? "anonymous" : match.Groups["permission"].Value)}")
            .ToList();

        Assert.Equal(RoutePermissions.All.Select(r => r.ToString()), documented);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncFunctions.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No AsyncFunctions.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\| `(?<route>(GET|POST|PUT|DELETE|PATCH) /api/[^`]*)`(?<where>[^|]*)\| (?<permission>[^|]+?) \|")]
    private static partial Regex Row();
}
