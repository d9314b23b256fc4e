using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;
using AsyncFunctions.Infra.Tests.Settings;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The deployed app settings provide everything the app reads, in identity-based form.</summary>
public sealed class AppSettingsTests
{
    private const string IdentityClientId = "<reference('identity').outputs.clientId.value>";

    /// <summary>The projects whose code runs in the function app (src/AsyncFunctions.Azure once it exists).</summary>
    private static readonly string[] AppProjects = ["AsyncFunctions.Functions", "AsyncFunctions.Azure"];

    private static readonly ArmTemplate Main = CompiledInfra.Instance.Main;
    private static readonly IReadOnlyDictionary<string, string> Deployed = DeployedAppSettings(Main);

    [Fact]
    public void LocalSettingsSample_EveryValue_IsProvidedInAzure()
    {
        var required = SampleReferences();

        var problems = AppSettingsCoverage.Problems(required, Deployed, RuntimeName());

        // The sample is the settings contract; if it were empty this test would prove nothing.
        Assert.Contains(required, r => r is { Name: "AzureWebJobsStorage", IsConnection: true });
        Assert.Contains(required, r => r is { Name: "ServiceBusConnection", IsConnection: true });
        Assert.Empty(problems);
    }

    [Fact]
    public void FunctionCode_EveryBindingSetting_IsProvidedInAzure()
    {
        // Trigger expressions (%Name%) and connections (Connection = "Name") in the code the app runs.
        var fromCode = AppProjects
            .Select(project => RepositoryRoot.Combine("src", project))
            .Where(Directory.Exists)
            .SelectMany(SettingReferenceScanner.ScanDirectory)
            .ToList();

        var problems = AppSettingsCoverage.Problems(fromCode, Deployed, RuntimeName());

        Assert.Contains(fromCode, r => r is { Name: "OrdersQueueName", IsConnection: false });
        Assert.Contains(fromCode, r => r is { Name: "ServiceBusConnection", IsConnection: true });
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("AzureWebJobsStorage__clientId", IdentityClientId)]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "<reference('storage').primaryEndpoints.blob>")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "<reference('storage').primaryEndpoints.queue>")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "<reference('storage').primaryEndpoints.table>")]
    [InlineData("ServiceBusConnection__fullyQualifiedNamespace", "<reference('messaging').outputs.fullyQualifiedNamespace.value>")]
    [InlineData("ServiceBusConnection__credential", "managedidentity")]
    [InlineData("ServiceBusConnection__clientId", IdentityClientId)]
    [InlineData("OrdersQueueName", "orders-by-zone")]
    [InlineData("SweepSchedule", "0 */1 * * * *")]
    [InlineData("Storage__TableServiceUri", "<reference('storage').primaryEndpoints.table>")]
    [InlineData("Storage__DispatchTable", "Dispatch")]
    [InlineData("Storage__DirectoryTable", "Directory")]
    [InlineData("Storage__DeadLetterTable", "DeadLetters")]
    [InlineData("AZURE_CLIENT_ID", IdentityClientId)]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "<reference('monitoring').outputs.applicationInsightsConnectionString.value>")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", $"ClientId={IdentityClientId};Authorization=AAD")]
    public void AppSettings_IdentityBasedSetting_IsDeployedWithExpectedValue(string name, string expected)
    {
        Assert.True(Deployed.TryGetValue(name, out var value), $"{name} is not deployed.");
        Assert.Equal(expected, value);
    }

    [Fact]
    public void AppSettings_StorageEndpoints_AreTheAppsOwnAccount()
    {
        // reference('storage') in the api module is the existing account the main template creates.
        var api = Main.Module("api").Template!;
        var account = Assert.Single(api.Resources, r => r.Symbol == "storage");
        var created = Assert.Single(Main.Created("Microsoft.Storage/storageAccounts"));

        Assert.True(account.IsExisting);
        Assert.Equal(created.Name, account.Name);
    }

    [Fact]
    public void AppSettings_AnyValue_IsNoConnectionString()
    {
        // Storage__ConnectionString would win over Storage__TableServiceUri in the app, and
        // ServiceBusConnection as a value over its __fullyQualifiedNamespace (TableStorageOptions, the host).
        Assert.DoesNotContain("Storage__ConnectionString", Deployed.Keys);
        Assert.DoesNotContain("ServiceBusConnection", Deployed.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", Deployed.Keys);
        Assert.DoesNotContain(Deployed, kv => LocalSettingsSample.IsConnectionString(kv.Value));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("SCM_DO_BUILD_DURING_DEPLOYMENT")]
    public void AppSettings_FlexConsumptionDeprecatedSetting_IsAbsent(string name)
    {
        Assert.NotEmpty(Deployed);
        Assert.DoesNotContain(name, Deployed.Keys);
    }

    [Fact]
    public void Problems_ConnectionDeployedAsConnectionString_IsReported()
    {
        var required = new[] { new SettingReference("ServiceBusConnection", IsConnection: true, "inline") };
        var provided = new Dictionary<string, string> { ["ServiceBusConnection"] = "Endpoint=sb://x/;SharedAccessKey=y" };

        var problems = AppSettingsCoverage.Problems(required, provided, "dotnet-isolated");

        Assert.Contains(problems, p => p.Contains("set directly", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("__credential", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("__clientId", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_SettingMissingOrWorkerRuntimeAsAppSetting_IsReported()
    {
        var required = new[]
        {
            new SettingReference("OrdersQueueName", IsConnection: false, "inline"),
            new SettingReference("Storage__ConnectionString", IsConnection: false, "inline"),
            new SettingReference("FUNCTIONS_WORKER_RUNTIME", IsConnection: false, "inline"),
        };
        var provided = new Dictionary<string, string> { ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated" };

        var problems = AppSettingsCoverage.Problems(required, provided, functionAppRuntimeName: null);

        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Scan_TriggerAttributes_FindsExpressionsAndConnections()
    {
        const string code = """
            [Function(nameof(AssignOrder))]
            public Task Run([ServiceBusTrigger("%OrdersQueueName%", Connection = "ServiceBusConnection", AutoCompleteMessages = false)] object m) => Task.CompletedTask;
            [Function("Sweep")] public void Sweep([TimerTrigger("%SweepSchedule%")] object t) { var pct = "100%"; }
            """;

        var references = SettingReferenceScanner.Scan(code, "inline.cs").ToList();

        Assert.Equal(["OrdersQueueName", "SweepSchedule", "ServiceBusConnection"], references.Select(r => r.Name));
        Assert.True(references.Single(r => r.Name == "ServiceBusConnection").IsConnection);
    }

    /// <summary>Name → value (as text) of the function app's appsettings config resource.</summary>
    private static Dictionary<string, string> DeployedAppSettings(ArmTemplate template)
    {
        var config = Assert.Single(template.Created("Microsoft.Web/sites/config"), c => c.Name.EndsWith("/appsettings", StringComparison.Ordinal));
        return config.Properties.ToDictionary(kv => kv.Key, kv => ArmValue.Text(kv.Value), StringComparer.Ordinal);
    }

    private static string? RuntimeName() =>
        Assert.Single(Main.Created("Microsoft.Web/sites"))["properties.functionAppConfig.runtime.name"] as string;

    /// <summary>Each sample value; connection strings there are connections whose Azure form is X__*.</summary>
    private static List<SettingReference> SampleReferences() =>
        [.. LocalSettingsSample.Read(RepositoryRoot.Combine("local.settings.sample.json"))
            .Select(kv => new SettingReference(kv.Key, LocalSettingsSample.IsConnectionString(kv.Value), "local.settings.sample.json"))];
}
