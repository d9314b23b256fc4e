namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>The checkout the tests run from (the folder holding AsyncFunctions.sln), for files the tests write into docs/.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncFunctions.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No AsyncFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
