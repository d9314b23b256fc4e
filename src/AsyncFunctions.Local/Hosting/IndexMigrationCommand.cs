using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// <c>migrate-index --storage …</c>: writes the pending-index rows (and the zone list) that orders stored before the
/// index lack (<see cref="PendingIndexMigration"/>), then exits. One scan of the dispatch table; safe to run again,
/// and safe beside a running app, whose own writes index an order in the same transaction.
/// </summary>
public static class IndexMigrationCommand
{
    public const string Name = "migrate-index";

    public static bool Matches(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(LocalCommandLine.Normalize(args[1..]));
        builder.AddLocalDispatch();
        await using var app = builder.Build();
        var local = app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value;
        if (LocalStorage.IsMemory(local.Storage))
        {
            await Console.Error.WriteLineAsync($"{Name} needs the tables to migrate: --storage azurite, a connection string or a table service URL.");
            return 2;
        }

        PendingIndexMigrationReport report;
        try
        {
            report = await app.Services.GetRequiredService<PendingIndexMigration>().RunAsync(CancellationToken.None);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.NotFound)
        {
            // The app creates its tables when it first starts; without them there is nothing written before the index.
            await Console.Error.WriteLineAsync($"{Name}: no dispatch table at this storage, so no orders to migrate ({ex.Message}).");
            return 1;
        }

        Console.WriteLine($"{Name}: {report.Orders} orders in {report.Zones} zones read, {report.Written} written with their index rows, {report.ChangedMeanwhile} changed meanwhile (indexed by the app itself)");
        return 0;
    }
}
