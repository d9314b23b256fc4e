using System.Text.Json;
using AsyncFunctions.Infra.Tests.Bicep;
using Xunit.Abstractions;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The real Bicep CLI compiles and lints infra/ with every analyzer rule an error.</summary>
public sealed class BicepCliTests(ITestOutputHelper output)
{
    private static readonly CompiledInfra Infra = CompiledInfra.Instance;

    [Fact]
    public void Build_MainBicep_CompilesWithoutAnyDiagnostic()
    {
        Assert.True(Infra.Build.ExitCode == 0, Infra.Build.ToString());
        Assert.Empty(Infra.Build.Diagnostics);
        output.WriteLine(Infra.Summary);
    }

    [Fact]
    public void Lint_EveryBicepFile_HasNoFinding()
    {
        Assert.True(Infra.Lint.ExitCode == 0, Infra.Lint.ToString());
        Assert.Empty(Infra.Lint.Diagnostics);
    }

    [Fact]
    public void Lint_FileBreakingARule_FailsWithTheRuleAsAnError()
    {
        var folder = Directory.CreateTempSubdirectory("asyncfunctions-bicep-lint-").FullName;
        try
        {
            File.Copy(Path.Combine(CompiledInfra.InfraDirectory, "bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            var file = Path.Combine(folder, "bad.bicep");
            File.WriteAllText(file, "param unused string\nparam tags object\noutput t object = tags\n");

            var run = Infra.Cli.Run("lint", file);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(run.Diagnostics, d => d.Contains("Error no-unused-params", StringComparison.Ordinal));
            Assert.Contains(run.Diagnostics, d => d.Contains("Error use-user-defined-types", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LintAll_FileNoModuleReferences_IsLintedToo()
    {
        // bicep lint --pattern exits 0 when the pattern matches nothing: prove it reaches every file.
        var folder = Directory.CreateTempSubdirectory("asyncfunctions-bicep-orphan-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(CompiledInfra.InfraDirectory, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(folder, Path.GetRelativePath(CompiledInfra.InfraDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            File.WriteAllText(Path.Combine(folder, "core", "orphan.bicep"), "param unusedOrphan string\n");

            var run = CompiledInfra.LintAll(Infra.Cli, folder);

            Assert.NotEqual(0, run.ExitCode);
            var finding = Assert.Single(run.Diagnostics);
            Assert.Contains("orphan.bicep", finding, StringComparison.Ordinal);
            Assert.Contains("Error no-unused-params", finding, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BicepConfig_EveryCoreRule_IsAnError()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(CompiledInfra.InfraDirectory, "bicepconfig.json")));
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var rules = core.GetProperty("rules").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetProperty("level").GetString());

        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.True(rules.Count >= 40, $"only {rules.Count} rules configured");
        Assert.All(rules, r => Assert.Equal("error", r.Value));
        // Rules that are off by default and matter here: stale API versions, untyped parameters, what-if blind spots.
        Assert.Superset(
            new HashSet<string> { "use-recent-api-versions", "use-user-defined-types", "what-if-short-circuiting", "outputs-should-not-contain-secrets", "no-hardcoded-env-urls" },
            rules.Keys.ToHashSet());
    }

    [Fact]
    public void Cli_Version_IsThePinnedOne()
    {
        var run = Infra.Cli.Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Bicep CLI version {Infra.Cli.Version} ", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void InfraFolder_CompiledTemplate_IsNeverCommitted()
    {
        var jsonFiles = Directory.EnumerateFiles(CompiledInfra.InfraDirectory, "*.json", SearchOption.AllDirectories).ToList();
        var gitignore = File.ReadAllLines(RepositoryRoot.Combine(".gitignore"));

        Assert.DoesNotContain(jsonFiles, f => File.ReadAllText(f).Contains("deploymentTemplate.json#", StringComparison.Ordinal));
        Assert.Contains("/infra/main.json", gitignore);
        Assert.StartsWith(Path.GetTempPath(), Infra.TemplatePath, StringComparison.Ordinal);
    }
}
