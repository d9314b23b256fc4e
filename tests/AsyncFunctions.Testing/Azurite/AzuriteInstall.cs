namespace AsyncFunctions.Testing.Azurite;

/// <summary>Finds the azurite-table launcher (shared by the Azure tests and the benchmarks) that `npm ci` installs under tests/AsyncFunctions.Azure.Tests/azurite-npm.</summary>
public static class AzuriteInstall
{
    private static readonly string Launcher = OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table";

    public static string LocateTableLauncher()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "AsyncFunctions.Azure.Tests", "azurite-npm", "node_modules", ".bin", Launcher);
            if (File.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException(
            "Azurite is not installed. Run `npm ci --prefix tests/AsyncFunctions.Azure.Tests/azurite-npm` from the repository root (docs/functions.md).");
    }
}
