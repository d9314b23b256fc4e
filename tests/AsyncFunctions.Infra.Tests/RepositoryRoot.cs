namespace AsyncFunctions.Infra.Tests;

/// <summary>Finds the repository root (the folder holding AsyncFunctions.sln) from the test's run directory.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) =>
        System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AsyncFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"AsyncFunctions.sln not found above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
