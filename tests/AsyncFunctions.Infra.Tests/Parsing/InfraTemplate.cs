namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>The repository's infra/ folder: main.bicep, the modules it references, and every .bicep file.</summary>
public sealed class InfraTemplate
{
    public InfraTemplate(string infraDirectory)
    {
        Directory = infraDirectory;
        Main = BicepDocument.Load(Path.Combine(infraDirectory, "main.bicep"));
        AllDocuments = [.. System.IO.Directory.EnumerateFiles(infraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(BicepDocument.Load)];
    }

    public static InfraTemplate FromRepository() => new(RepositoryRoot.Combine("infra"));

    public string Directory { get; }

    public BicepDocument Main { get; }

    public IReadOnlyList<BicepDocument> AllDocuments { get; }

    /// <summary>Absolute path of a module path as written in main.bicep (relative to infra/).</summary>
    public string ResolveModulePath(string modulePath) =>
        Path.GetFullPath(Path.Combine(Directory, modulePath.Replace('/', Path.DirectorySeparatorChar)));

    public BicepDocument LoadModule(string modulePath) => BicepDocument.Load(ResolveModulePath(modulePath));
}
