using System.Text.Json;
using AsyncFunctions.Infra.Tests.Arm;

namespace AsyncFunctions.Infra.Tests.Bicep;

/// <summary>
/// infra/main.bicep compiled and linted by the real Bicep CLI, once per test run, into a fresh
/// temporary folder (the compiled template is never written next to the Bicep). Every test that
/// reads the template fails with the CLI's output if either step failed.
/// </summary>
public sealed class CompiledInfra
{
    /// <summary>Parameter values azd would pass (main.parameters.json), for evaluating the template.</summary>
    public static readonly IReadOnlyDictionary<string, object?> DefaultParameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
    {
        ["environmentName"] = "infra-tests",
        ["location"] = "westeurope",
        ["authClientId"] = "11111111-2222-3333-4444-555555555555",
    };

    private static readonly Lazy<CompiledInfra> Compiled = new(Compile);

    private CompiledInfra(BicepCli cli, BicepRun build, BicepRun lint, string templatePath)
    {
        Cli = cli;
        Build = build;
        Lint = lint;
        TemplatePath = templatePath;
        Json = JsonDocument.Parse(File.ReadAllText(templatePath)).RootElement.Clone();
        Main = Evaluate();
        Summary = $"bicep: infra/main.bicep built and every infra/**/*.bicep linted by Bicep CLI {cli.Version} " +
            $"(every analyzer rule an error): build exit {build.ExitCode}, lint exit {lint.ExitCode}, " +
            $"{build.Diagnostics.Count + lint.Diagnostics.Count} diagnostics, {Main.AllResources().Count()} resources";
    }

    public static CompiledInfra Instance => Compiled.Value;

    /// <summary>One line for the test log (and the summary of scripts/test.sh): what was built and linted.</summary>
    public string Summary { get; }

    public static string InfraDirectory => RepositoryRoot.Combine("infra");

    public BicepCli Cli { get; }

    public BicepRun Build { get; }

    public BicepRun Lint { get; }

    public string TemplatePath { get; }

    public JsonElement Json { get; }

    /// <summary>The template evaluated with <see cref="DefaultParameters"/>.</summary>
    public ArmTemplate Main { get; }

    /// <summary>The template evaluated with the defaults overridden by <paramref name="parameters"/>.</summary>
    public ArmTemplate Evaluate(IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var values = new Dictionary<string, object?>(DefaultParameters, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
        {
            values[name] = value;
        }

        return new ArmTemplate(Json, values);
    }

    /// <summary>Lints every .bicep file under the folder, so a module nothing references yet is checked too.</summary>
    public static BicepRun LintAll(BicepCli cli, string infraDirectory)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return cli.Run("lint", "--pattern", Path.Combine(infraDirectory, "**", "*.bicep"));
    }

    private static CompiledInfra Compile()
    {
        var cli = BicepCli.FromNuGetCache();
        var output = Directory.CreateTempSubdirectory("asyncfunctions-bicep-").FullName;
        // Kept while the tests run (open it to debug a failure), removed when the test host exits.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        var templatePath = Path.Combine(output, "main.json");
        var main = Path.Combine(InfraDirectory, "main.bicep");

        var build = cli.Run("build", main, "--outfile", templatePath);
        if (build.ExitCode != 0 || !File.Exists(templatePath))
        {
            throw new InvalidOperationException($"The Bicep does not compile.\n{build}");
        }

        var lint = LintAll(cli, InfraDirectory);
        var compiled = new CompiledInfra(cli, build, lint, templatePath);
        // Printed (not only logged) so the test run's console, and the test command's summary, show it.
        Console.WriteLine(compiled.Summary);
        return compiled;
    }
}
