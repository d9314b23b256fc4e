using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Hosting;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests;

/// <summary>The --storage switch: memory by default, Azurite, a connection string or a table endpoint with identity.</summary>
public sealed class StorageSwitchTests
{
    [Theory]
    [InlineData(new[] { "--storage", "azurite" }, "--Local:Storage=azurite")]
    [InlineData(new[] { "--storage=azurite" }, "--Local:Storage=azurite")]
    [InlineData(new[] { "--storage", "https://stx.table.core.windows.net" }, "--Local:Storage=https://stx.table.core.windows.net")]
    public void Normalize_StorageSwitch_BecomesLocalStorage(string[] args, string expected)
    {
        Assert.Equal([expected], LocalCommandLine.Normalize(args));
    }

    [Fact]
    public void Normalize_StorageSwitchBesideOthers_LeavesThemAlone()
    {
        var args = LocalCommandLine.Normalize(["--seed-drivers", "--storage", "azurite", "--urls", "http://127.0.0.1:5099"]);

        Assert.Equal(["--Local:SeedDrivers=true", "--Local:Storage=azurite", "--urls", "http://127.0.0.1:5099"], args);
    }

    [Theory]
    [InlineData("azurite", "Storage:ConnectionString", "UseDevelopmentStorage=true")]
    [InlineData("AZURITE", "Storage:ConnectionString", "UseDevelopmentStorage=true")]
    [InlineData("https://stx.table.core.windows.net", "Storage:TableServiceUri", "https://stx.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=a2V5;EndpointSuffix=core.windows.net", "Storage:ConnectionString", "DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=a2V5;EndpointSuffix=core.windows.net")]
    public void SettingsFor_Choice_SetsTheStorageSettingAndCreatesTables(string choice, string key, string value)
    {
        var settings = LocalStorage.SettingsFor(choice);

        Assert.Equal(value, settings[key]);
        Assert.Equal("true", settings["Storage:CreateTables"]);
        Assert.Equal(2, settings.Count);
    }

    [Fact]
    public async Task AddLocalDispatch_NoStorage_UsesTheInMemoryStore()
    {
        await using var app = Build(storage: null);

        Assert.IsType<InMemoryTableStore>(app.Services.GetRequiredKeyedService<ITableStore>(LocalStorage.DashboardStoreKey));
    }

    [Fact]
    public async Task AddLocalDispatch_TableEndpoint_UsesAzureTableStoreOnThatAccount()
    {
        await using var app = Build("https://stexample.table.core.windows.net");

        Assert.IsType<AzureTableStore>(app.Services.GetRequiredKeyedService<ITableStore>(LocalStorage.DashboardStoreKey));
        Assert.Equal("stexample", app.Services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Fact]
    public async Task AddLocalDispatch_Azurite_UsesTheDevelopmentAccount()
    {
        await using var app = Build(LocalStorage.Azurite);

        Assert.IsType<AzureTableStore>(app.Services.GetRequiredKeyedService<ITableStore>(LocalStorage.DashboardStoreKey));
        Assert.Equal("devstoreaccount1", app.Services.GetRequiredService<TableServiceClient>().AccountName);
    }

    private static WebApplication Build(string? storage)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Local:Storage"] = storage });
        builder.AddLocalDispatch();
        return builder.Build();
    }
}
