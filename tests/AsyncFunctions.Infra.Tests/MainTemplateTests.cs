using System.Text.Json;
using System.Text.RegularExpressions;
using AsyncFunctions.Infra.Tests.Parsing;

namespace AsyncFunctions.Infra.Tests;

/// <summary>main.bicep follows the azd template conventions and everything it references exists.</summary>
public sealed partial class MainTemplateTests
{
    private static readonly InfraTemplate Infra = InfraTemplate.FromRepository();

    [Fact]
    public void MainBicep_Scope_IsSubscriptionAndCreatesTaggedResourceGroup()
    {
        Assert.Matches(@"(?m)^targetScope\s*=\s*'subscription'", Infra.Main.Text);
        var rg = Assert.Single(Infra.Main.ResourcesOfType("Microsoft.Resources/resourceGroups"));
        Assert.Equal("tags", BicepDocument.Property(rg.Body, "tags"));
        Assert.Contains("'azd-env-name': environmentName", Infra.Main.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_ResourceToken_IsUniqueToSubscriptionEnvironmentAndLocation()
    {
        Assert.Contains(
            "var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))",
            Infra.Main.Text,
            StringComparison.Ordinal);
        Assert.Contains("var abbrs = loadJsonContent('./abbreviations.json')", Infra.Main.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Abbreviations_EveryOneUsed_IsDefined()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra.Directory, "abbreviations.json")));
        var used = AbbreviationPattern().Matches(Infra.Main.Text).Select(m => m.Groups["key"].Value).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.True(json.RootElement.TryGetProperty(key, out _), $"abbreviations.json lacks '{key}'."));
    }

    [Fact]
    public void Modules_EveryReferencedFile_Exists()
    {
        var modulePaths = Infra.AllDocuments.SelectMany(d => d.Modules.Select(m => (Declaring: d.Name, m.Path))).ToList();

        Assert.NotEmpty(modulePaths);
        Assert.All(modulePaths, m =>
        {
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(m.Declaring)!, m.Path));
            Assert.True(File.Exists(resolved), $"{m.Declaring} references missing module {m.Path}.");
        });
    }

    [Fact]
    public void InfraFolder_CompiledArmTemplate_IsNotCommitted()
    {
        var jsonFiles = Directory.EnumerateFiles(Infra.Directory, "*.json", SearchOption.AllDirectories).ToList();

        Assert.DoesNotContain(jsonFiles, f => Path.GetFileName(f) == "main.json");
        Assert.DoesNotContain(jsonFiles, f => File.ReadAllText(f).Contains("deploymentTemplate.json#", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("partnerPrincipalIds", "${PARTNER_PRINCIPAL_IDS=[]}")]
    public void MainParameters_AzdVariable_IsMapped(string parameter, string expected)
    {
        Assert.Equal(expected, MainParameters()[parameter]);
    }

    [Fact]
    public void MainParameters_EveryEntry_IsAParamOfMainBicep()
    {
        Assert.All(MainParameters().Keys, name => Assert.Contains(name, Infra.Main.Params));
    }

    [Fact]
    public void Outputs_EveryName_IsUpperSnakeAndTheExpectedOnesExist()
    {
        Assert.All(Infra.Main.Outputs, name => Assert.True(IsUpperSnake(name), $"output {name} is not UPPER_SNAKE."));
        Assert.Superset(
            new HashSet<string>
            {
                "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME",
                "SERVICE_BUS_NAMESPACE_FQDN", "STORAGE_TABLE_ENDPOINT", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            },
            Infra.Main.Outputs.ToHashSet());
    }

    [Fact]
    public void IsUpperSnake_CamelCaseOutput_IsRejected()
    {
        var snippet = new BicepDocument("output functionAppName string = 'x'\noutput AZURE_LOCATION string = location\n");

        Assert.Equal([false, true], snippet.Outputs.Select(IsUpperSnake));
    }

    [Fact]
    public void AzureYaml_ApiService_IsADotnetFunctionForTheFunctionsProject()
    {
        var yaml = File.ReadAllText(RepositoryRoot.Combine("azure.yaml"));

        Assert.Matches(@"(?m)^services:\s*\n\s{2}api:\s*$", yaml);
        Assert.Matches(@"(?m)^\s{4}host:\s*function\s*$", yaml);
        Assert.Matches(@"(?m)^\s{4}language:\s*dotnet\s*$", yaml);
        Assert.Matches(@"(?m)^\s{4}project:\s*\./src/AsyncFunctions\.Functions\s*$", yaml);
    }

    [Fact]
    public void FunctionApp_Tags_NameTheAzdServiceFromAzureYaml()
    {
        var site = Assert.Single(Infra.AllDocuments.SelectMany(d => d.ResourcesOfType("Microsoft.Web/sites")), r => !r.IsExisting);
        var api = Assert.Single(Infra.Main.Modules, m => m.Path == "app/api.bicep");

        Assert.Equal("union(tags, { 'azd-service-name': serviceName })", BicepDocument.Property(site.Body, "tags"));
        Assert.Equal("'api'", BicepDocument.Property(api.Declaration, "serviceName"));
    }

    private static bool IsUpperSnake(string name) => UpperSnakePattern().IsMatch(name);

    private static Dictionary<string, string> MainParameters()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra.Directory, "main.parameters.json")));
        return json.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").ToString());
    }

    [GeneratedRegex(@"\babbrs\.(?<key>\w+)")]
    private static partial Regex AbbreviationPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnakePattern();
}
