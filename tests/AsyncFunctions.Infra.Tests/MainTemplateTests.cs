using System.Text.Json;
using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The compiled main template follows the azd conventions: scope, tags, API versions, parameters, outputs.</summary>
public sealed class MainTemplateTests
{
    private static readonly CompiledInfra Infra = CompiledInfra.Instance;

    [Fact]
    public void Schema_Scope_IsASubscriptionDeploymentCreatingTheTaggedResourceGroup()
    {
        var rg = Assert.Single(Infra.Main.Created("Microsoft.Resources/resourceGroups"));

        Assert.Contains("subscriptionDeploymentTemplate.json", Infra.Json.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Equal("rg-infra-tests", rg.Name);
        Assert.Equal("infra-tests", rg["tags.azd-env-name"]);
    }

    [Fact]
    public void Resources_ApiVersions_AreTheNewestTheCliKnows()
    {
        // The newest GA versions in Bicep CLI 0.49.2's type data, so use-recent-api-versions stays green
        // while the CLI is pinned. A new resource type must be added here on purpose.
        var expected = new Dictionary<string, string>
        {
            ["Microsoft.Resources/resourceGroups"] = "2025-04-01",
            ["Microsoft.Resources/deployments"] = "2025-04-01",
            ["Microsoft.ManagedIdentity/userAssignedIdentities"] = "2024-11-30",
            ["Microsoft.OperationalInsights/workspaces"] = "2026-03-01",
            ["Microsoft.Insights/components"] = "2020-02-02",
            ["Microsoft.Storage/storageAccounts"] = "2026-09-01",
            ["Microsoft.Storage/storageAccounts/blobServices"] = "2026-09-01",
            ["Microsoft.Storage/storageAccounts/blobServices/containers"] = "2026-09-01",
            ["Microsoft.Storage/storageAccounts/tableServices"] = "2026-09-01",
            ["Microsoft.Storage/storageAccounts/tableServices/tables"] = "2026-09-01",
            ["Microsoft.ServiceBus/namespaces"] = "2026-01-01",
            ["Microsoft.ServiceBus/namespaces/queues"] = "2026-01-01",
            ["Microsoft.ServiceBus/namespaces/topics"] = "2026-01-01",
            ["Microsoft.ServiceBus/namespaces/topics/subscriptions"] = "2026-01-01",
            ["Microsoft.ServiceBus/namespaces/topics/subscriptions/rules"] = "2026-01-01",
            ["Microsoft.Web/serverfarms"] = "2025-03-01",
            ["Microsoft.Web/sites"] = "2025-03-01",
            ["Microsoft.Web/sites/config"] = "2025-03-01",
            ["Microsoft.Authorization/roleAssignments"] = "2022-04-01",
            ["Microsoft.Insights/actionGroups"] = "2023-01-01",
            ["Microsoft.Insights/metricAlerts"] = "2026-01-01",
            ["Microsoft.Insights/scheduledQueryRules"] = "2026-03-01",
            ["Microsoft.Insights/workbooks"] = "2023-06-01",
            ["Microsoft.OperationalInsights/queryPacks"] = "2026-03-01",
            ["Microsoft.OperationalInsights/queryPacks/queries"] = "2026-03-01",
        };
        var everything = Infra.Evaluate(new Dictionary<string, object?>
        {
            ["principalId"] = "someone",
            ["partnerPrincipalIds"] = new List<object?> { "p" },
            ["alertEmail"] = "oncall@example.org",
            ["eventPartners"] = new List<object?> { new Dictionary<string, object?> { ["source"] = "acme", ["principalId"] = "p" } },
        });

        var actual = everything.AllResources()
            .GroupBy(r => r.Type)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.ApiVersion).Distinct()));

        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Outputs_EveryName_IsUpperSnakeAndTheOnesAzdAndTheAppNeedExist()
    {
        var outputs = Infra.Main.Outputs;

        Assert.All(outputs.Keys, name => Assert.Matches("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", name));
        Assert.Superset(
            new HashSet<string>
            {
                "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "SERVICE_API_NAME",
                "SERVICE_API_URI", "SERVICE_BUS_NAMESPACE_FQDN", "SERVICE_BUS_QUEUE_NAME", "STORAGE_TABLE_ENDPOINT",
                "APPLICATIONINSIGHTS_CONNECTION_STRING", "AZURE_MANAGED_IDENTITY_CLIENT_ID",
            },
            outputs.Keys.ToHashSet());
        Assert.Equal("westeurope", outputs["AZURE_LOCATION"]);
        Assert.Equal("rg-infra-tests", outputs["AZURE_RESOURCE_GROUP"]);
        Assert.Equal("https://<reference('api').outputs.defaultHostName.value>", ArmValue.Text(outputs["SERVICE_API_URI"]));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("principalType", "${AZURE_PRINCIPAL_TYPE=User}")]
    [InlineData("partnerPrincipalIds", "${PARTNER_PRINCIPAL_IDS=[]}")]
    [InlineData("authClientId", "${AZURE_AUTH_CLIENT_ID}")]
    [InlineData("alertEmail", "${ALERT_EMAIL}")]
    public void MainParameters_AzdVariable_IsMapped(string parameter, string expected)
    {
        Assert.Equal(expected, MainParameters()[parameter]);
    }

    [Fact]
    public void MainParameters_EveryEntry_IsATemplateParameterAndEveryRequiredOneIsMapped()
    {
        var declared = Infra.Main.ParameterDeclarations;
        var required = declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Key).ToList();

        Assert.All(MainParameters().Keys, name => Assert.Contains(name, declared.Keys));
        Assert.Contains("authClientId", required);
        Assert.All(required, name => Assert.Contains(name, MainParameters().Keys));
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
    public void FunctionApp_Tags_NameTheAzdServiceFromAzureYamlAndTheEnvironment()
    {
        var site = Assert.Single(Infra.Main.Created("Microsoft.Web/sites"));

        Assert.Equal("api", site["tags.azd-service-name"]);
        Assert.Equal("infra-tests", site["tags.azd-env-name"]);
    }

    private static Dictionary<string, string> MainParameters()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(CompiledInfra.InfraDirectory, "main.parameters.json")));
        return json.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").ToString());
    }
}
