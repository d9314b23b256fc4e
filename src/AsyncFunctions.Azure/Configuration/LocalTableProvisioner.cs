using AsyncFunctions.Core.Persistence;
using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Azure.Configuration;

/// <summary>
/// Creates the app's tables at start when it runs on a connection string (Azurite, local runs) or
/// is told to (Storage__CreateTables). In Azure the Bicep made them, so a cold start spends no round-trips checking.
/// </summary>
internal sealed partial class LocalTableProvisioner(
    IOptions<TableStorageOptions> storage,
    IOptions<TableNames> names,
    TableServiceClient client,
    ILogger<LocalTableProvisioner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.CreatesTablesAtStart)
            return;
        foreach (var table in new[] { names.Value.DispatchTable, names.Value.DirectoryTable, names.Value.DeadLetterTable })
            await client.CreateTableIfNotExistsAsync(table, cancellationToken);
        LogCreated(logger, names.Value.DispatchTable, names.Value.DirectoryTable, names.Value.DeadLetterTable);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Tables {Dispatch}, {Directory} and {DeadLetters} are ready")]
    private static partial void LogCreated(ILogger logger, string dispatch, string directory, string deadLetters);
}
