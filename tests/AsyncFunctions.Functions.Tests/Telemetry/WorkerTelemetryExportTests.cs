using AsyncFunctions.Functions.Configuration;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace AsyncFunctions.Functions.Tests.Telemetry;

/// <summary>What the worker exports to, with which credential, and when it refuses to start.</summary>
public sealed class WorkerTelemetryExportTests
{
    private const string ConnectionString = WorkerTelemetryHost.ConnectionString;

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    [Fact]
    public void From_NoConnectionString_ExportsNothing()
    {
        var export = WorkerTelemetryExport.From(Settings(
            (WorkerTelemetryExport.ClientIdSetting, "client"), (WorkerTelemetryExport.AzureInstanceSetting, "instance")));

        Assert.Null(export);
    }

    [Fact]
    public void From_InAzureWithoutClientId_FailsAtStartNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WorkerTelemetryExport.From(Settings(
            (WorkerTelemetryExport.ConnectionStringSetting, ConnectionString), (WorkerTelemetryExport.AzureInstanceSetting, "instance"))));

        Assert.Contains(WorkerTelemetryExport.ClientIdSetting, error.Message, StringComparison.Ordinal);
        Assert.Contains(WorkerTelemetryExport.ConnectionStringSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_InAzure_UsesTheUserAssignedManagedIdentity()
    {
        var export = WorkerTelemetryExport.From(Settings(
            (WorkerTelemetryExport.ConnectionStringSetting, ConnectionString),
            (WorkerTelemetryExport.ClientIdSetting, "client-1"),
            (WorkerTelemetryExport.AzureInstanceSetting, "instance")));

        Assert.NotNull(export);
        Assert.Equal(ConnectionString, export.ConnectionString);
        Assert.Equal("client-1", export.ManagedIdentityClientId);
        Assert.IsType<ManagedIdentityCredential>(export.CreateCredential());
    }

    [Fact]
    public void From_OutsideAzure_UsesTheDevelopersSignInEvenWithAClientId()
    {
        var export = WorkerTelemetryExport.From(Settings(
            (WorkerTelemetryExport.ConnectionStringSetting, ConnectionString), (WorkerTelemetryExport.ClientIdSetting, "client-1")));

        Assert.NotNull(export);
        Assert.Null(export.ManagedIdentityClientId);
        Assert.IsType<DefaultAzureCredential>(export.CreateCredential());
    }
}
