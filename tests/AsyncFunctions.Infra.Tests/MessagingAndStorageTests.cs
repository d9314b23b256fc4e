using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;
using AsyncFunctions.Infra.Tests.Settings;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The orders queue and the storage account carry the settings the dispatch protocol relies on.</summary>
public sealed class MessagingAndStorageTests
{
    private static readonly ArmTemplate Main = CompiledInfra.Instance.Main;

    [Theory]
    [InlineData("lockDuration", "PT1M")]
    [InlineData("maxDeliveryCount", 10L)]
    [InlineData("requiresDuplicateDetection", true)]
    [InlineData("duplicateDetectionHistoryTimeWindow", "PT1H")]
    [InlineData("deadLetteringOnMessageExpiration", true)]
    [InlineData("defaultMessageTimeToLive", "P14D")]
    [InlineData("enableBatchedOperations", true)]
    [InlineData("requiresSession", true)]
    public void OrdersQueue_Property_HasTheDesignedValue(string property, object expected)
    {
        var queue = Assert.Single(Main.Created("Microsoft.ServiceBus/namespaces/queues"));

        Assert.Equal(expected, queue.Properties[property]);
    }

    [Fact]
    public void OrdersQueue_Name_IsOrdersByZoneInTheNamespace()
    {
        var queue = Assert.Single(Main.Created("Microsoft.ServiceBus/namespaces/queues"));
        var ns = Assert.Single(Main.Created("Microsoft.ServiceBus/namespaces"));

        // A new name, not "orders": an existing queue cannot be switched to sessions in place.
        Assert.Equal($"{ns.Name}/orders-by-zone", queue.Name);
    }

    [Fact]
    public void ServiceBusSku_Parameter_DefaultsToStandardAndAllowsOnlyStandardOrPremium()
    {
        var ns = Assert.Single(Main.Created("Microsoft.ServiceBus/namespaces"));
        var sku = Main.ParameterDeclarations["serviceBusSku"];

        Assert.Equal("Standard", ns["sku.name"]);
        Assert.Equal("Standard", ns["sku.tier"]);
        Assert.Equal(["Standard", "Premium"], sku.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void ServiceBusSku_Premium_ReachesTheNamespace()
    {
        var premium = CompiledInfra.Instance.Evaluate(new Dictionary<string, object?> { ["serviceBusSku"] = "Premium" });

        Assert.Equal("Premium", Assert.Single(premium.Created("Microsoft.ServiceBus/namespaces"))["sku.name"]);
    }

    [Fact]
    public void StorageAccount_Contents_AreStorageV2WithTheDeploymentContainerAndTheAppTables()
    {
        var account = Assert.Single(Main.Created("Microsoft.Storage/storageAccounts"));
        var container = Assert.Single(Main.Created("Microsoft.Storage/storageAccounts/blobServices/containers"));
        var tables = Main.Created("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[^1]);

        Assert.Equal("StorageV2", account["kind"]);
        Assert.StartsWith($"{account.Name}/default/app-package-func-api-", container.Name, StringComparison.Ordinal);
        Assert.Equal("None", container["properties.publicAccess"]);
        Assert.Equal(["Dispatch", "Directory", "DeadLetters"], tables);
    }

    [Theory]
    [InlineData("dispatch", "Storage__DispatchTable")]
    [InlineData("directory", "Storage__DirectoryTable")]
    [InlineData("deadLetters", "Storage__DeadLetterTable")]
    public void TableNames_Entry_MatchesTheLocalSettingsSample(string key, string sampleSetting)
    {
        var tableNames = (IReadOnlyDictionary<string, object?>)Main.Scope.Variable("tableNames")!;
        var sample = LocalSettingsSample.Read(RepositoryRoot.Combine("local.settings.sample.json"));

        Assert.Equal(sample[sampleSetting], tableNames[key]);
    }
}
