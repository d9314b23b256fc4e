using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Testing.Azurite;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>
/// Azurite's table service on 127.0.0.1 and a free port, in memory, for the whole test collection;
/// stopped (with its process tree) on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public int Port => Azurite.Port;

    public string ConnectionString => Azurite.ConnectionString;

    private AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public TableServiceClient CreateServiceClient() => new(ConnectionString);

    /// <summary>The real adapter over this Azurite; tables must exist first (<see cref="CreateTableAsync"/>).</summary>
    public AzureTableStore CreateStore() => new(CreateServiceClient());

    public async Task CreateTableAsync(string table) => await CreateServiceClient().CreateTableIfNotExistsAsync(table);

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }
}
