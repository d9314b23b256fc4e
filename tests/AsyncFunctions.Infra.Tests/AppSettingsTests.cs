using AsyncFunctions.Infra.Tests.Parsing;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The deployed app settings provide everything the app reads, in identity-based form.</summary>
public sealed class AppSettingsTests
{
    private static readonly InfraTemplate Infra = InfraTemplate.FromRepository();
    private static readonly IReadOnlyDictionary<string, string> Deployed = AppSettingsReader.Read(Infra.AllDocuments);

    [Fact]
    public void LocalSettingsSample_EveryValue_IsProvidedInAzure()
    {
        var required = SampleReferences();

        var problems = AppSettingsCoverage.Problems(required, Deployed, AppSettingsReader.FunctionAppRuntimeName(Infra.AllDocuments));

        // The sample is the settings contract; if it were empty this test would prove nothing.
        Assert.Contains(required, r => r is { Name: "AzureWebJobsStorage", IsConnection: true });
        Assert.Contains(required, r => r is { Name: "ServiceBusConnection", IsConnection: true });
        Assert.Empty(problems);
    }

    [Fact]
    public void FunctionsWorkerRuntime_OnFlexConsumption_ComesFromFunctionAppConfigNotAppSettings()
    {
        Assert.DoesNotContain(AppSettingsCoverage.WorkerRuntimeSetting, Deployed.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", Deployed.Keys);
        Assert.Equal("dotnet-isolated", AppSettingsReader.FunctionAppRuntimeName(Infra.AllDocuments));
    }

    [Fact]
    public void FunctionCode_EveryBindingSetting_IsProvidedInAzure()
    {
        // src/AsyncFunctions.Functions is written in parallel; until it lands, the sample's
        // connections and expressions stand in for it, so the check still has something to prove.
        var functionsDirectory = RepositoryRoot.Combine("src", "AsyncFunctions.Functions");
        var fromCode = Directory.Exists(functionsDirectory)
            ? SettingReferenceScanner.ScanDirectory(functionsDirectory)
            : [];
        var required = fromCode.Concat(SampleReferences()).ToList();

        var problems = AppSettingsCoverage.Problems(required, Deployed, AppSettingsReader.FunctionAppRuntimeName(Infra.AllDocuments));

        Assert.NotEmpty(required);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__credential", "'managedidentity'")]
    [InlineData("AzureWebJobsStorage__clientId", "identityClientId")]
    [InlineData("AzureWebJobsStorage__blobServiceUri", null)]
    [InlineData("AzureWebJobsStorage__queueServiceUri", null)]
    [InlineData("AzureWebJobsStorage__tableServiceUri", null)]
    [InlineData("ServiceBusConnection__fullyQualifiedNamespace", "serviceBusFullyQualifiedNamespace")]
    [InlineData("ServiceBusConnection__credential", "'managedidentity'")]
    [InlineData("ServiceBusConnection__clientId", "identityClientId")]
    [InlineData("OrdersQueueName", null)]
    [InlineData("SweepSchedule", null)]
    [InlineData("Storage__TableServiceUri", "storage.properties.primaryEndpoints.table")]
    [InlineData("Storage__DispatchTable", null)]
    [InlineData("Storage__DirectoryTable", null)]
    [InlineData("Storage__DeadLetterTable", null)]
    [InlineData("AZURE_CLIENT_ID", "identityClientId")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", null)]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "'ClientId=${identityClientId};Authorization=AAD'")]
    public void AppSettings_IdentityBasedSetting_IsDeployedWithExpectedValue(string name, string? expectedValue)
    {
        Assert.True(Deployed.TryGetValue(name, out var value), $"{name} is not deployed.");
        if (expectedValue is not null)
        {
            Assert.Equal(expectedValue, value);
        }
    }

    [Fact]
    public void Problems_ConnectionDeployedAsConnectionString_IsReported()
    {
        var required = new[] { new SettingReference("ServiceBusConnection", IsConnection: true, "inline") };
        var provided = new Dictionary<string, string> { ["ServiceBusConnection"] = "'Endpoint=sb://x/;SharedAccessKey=y'" };

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
        var provided = new Dictionary<string, string> { ["FUNCTIONS_WORKER_RUNTIME"] = "'dotnet-isolated'" };

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

        Assert.Equal(
            ["OrdersQueueName", "SweepSchedule", "ServiceBusConnection"],
            references.Select(r => r.Name));
        Assert.True(references.Single(r => r.Name == "ServiceBusConnection").IsConnection);
    }

    /// <summary>Each sample value; connection strings there are connections whose Azure form is X__*.</summary>
    private static List<SettingReference> SampleReferences() =>
        [.. LocalSettingsSample.Read(RepositoryRoot.Combine("local.settings.sample.json"))
            .Select(kv => new SettingReference(kv.Key, LocalSettingsSample.IsConnectionString(kv.Value), "local.settings.sample.json"))];
}
