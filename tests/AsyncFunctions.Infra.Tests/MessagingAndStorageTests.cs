using AsyncFunctions.Infra.Tests.Parsing;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The orders queue and the storage account carry the settings the dispatch protocol relies on.</summary>
public sealed class MessagingAndStorageTests
{
    private static readonly InfraTemplate Infra = InfraTemplate.FromRepository();

    [Theory]
    [InlineData("lockDuration", "PT1M")]
    [InlineData("maxDeliveryCount", "10")]
    [InlineData("requiresDuplicateDetection", "true")]
    [InlineData("duplicateDetectionHistoryTimeWindow", "PT1H")]
    [InlineData("deadLetteringOnMessageExpiration", "true")]
    [InlineData("defaultMessageTimeToLive", "P14D")]
    [InlineData("enableBatchedOperations", "true")]
    public void OrdersQueue_Property_HasTheDesignedValue(string property, string expected)
    {
        var (document, queue) = CreatedResource("Microsoft.ServiceBus/namespaces/queues");

        Assert.Equal(expected, document.Resolve(BicepDocument.Property(queue.Body, property) ?? "(missing)"));
    }

    [Fact]
    public void OrdersQueue_Name_IsOrders()
    {
        var messaging = Assert.Single(Infra.Main.Modules, m => m.Path == "core/messaging/service-bus.bicep");

        Assert.Equal("orders", Infra.Main.Resolve(BicepDocument.Property(messaging.Declaration, "queueName")!));
    }

    [Fact]
    public void ServiceBusSku_Parameter_DefaultsToStandardAndAllowsOnlyStandardOrPremium()
    {
        var (document, _) = CreatedResource("Microsoft.ServiceBus/namespaces");

        Assert.Contains("@allowed(['Standard', 'Premium'])\nparam skuName string = 'Standard'", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageAccount_Kind_IsStorageV2WithDeploymentContainerAndAppTables()
    {
        var (_, account) = CreatedResource("Microsoft.Storage/storageAccounts");
        var storageModule = Assert.Single(Infra.Main.Modules, m => m.Path == "core/storage/storage-account.bicep");

        Assert.Equal("'StorageV2'", BicepDocument.Property(account.Body, "kind"));
        Assert.Equal("[deploymentStorageContainerName]", BicepDocument.Property(storageModule.Declaration, "containerNames"));
        Assert.Equal(
            "[tableNames.dispatch, tableNames.directory, tableNames.deadLetters]",
            BicepDocument.Property(storageModule.Declaration, "tableNames"));
        Assert.Single(CreatedResources("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Single(CreatedResources("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Theory]
    [InlineData("dispatch", "Storage__DispatchTable")]
    [InlineData("directory", "Storage__DirectoryTable")]
    [InlineData("deadLetters", "Storage__DeadLetterTable")]
    public void TableNames_Entry_MatchesTheLocalSettingsSample(string key, string sampleSetting)
    {
        var start = Infra.Main.Text.IndexOf("var tableNames =", StringComparison.Ordinal);
        Assert.True(start >= 0, "main.bicep has no 'var tableNames'.");
        var tableNames = BicepText.BlockFrom(Infra.Main.Text, start);
        var sample = LocalSettingsSample.Read(RepositoryRoot.Combine("local.settings.sample.json"));

        Assert.Equal(sample[sampleSetting], Infra.Main.Resolve(BicepDocument.Property(tableNames, key)!));
    }

    private static (BicepDocument Document, BicepResource Resource) CreatedResource(string type) =>
        Assert.Single(CreatedResources(type));

    private static List<(BicepDocument Document, BicepResource Resource)> CreatedResources(string type) =>
        [.. Infra.AllDocuments.SelectMany(d => d.ResourcesOfType(type).Where(r => !r.IsExisting).Select(r => (d, r)))];
}
