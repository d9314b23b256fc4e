using AsyncFunctions.Infra.Tests.Parsing;

namespace AsyncFunctions.Infra.Tests;

/// <summary>No key is read, built or stored by the infra, and local (key) auth is off on every service.</summary>
public sealed class InfraSecretsTests
{
    private static readonly InfraTemplate Infra = InfraTemplate.FromRepository();

    [Fact]
    public void InfraFiles_AnyFile_ContainsNoKeyMaterial()
    {
        var files = Directory.EnumerateFiles(Infra.Directory, "*", SearchOption.AllDirectories).ToList();

        var findings = files.SelectMany(f => SecretScanner.Find(File.ReadAllText(f), Path.GetFileName(f))).ToList();

        Assert.NotEmpty(files);
        Assert.Empty(findings);
    }

    [Fact]
    public void Find_ConnectionStringBuiltFromListKeys_IsReported()
    {
        const string bicep = """
            var s = 'DefaultEndpointsProtocol=https;AccountName=${st.name};AccountKey=${st.listKeys().keys[0].value}'
            resource cfg 'config' = {
              properties: {
                connectionString: 'Endpoint=sb://${ns.name}/;SharedAccessKey=${rule.listKeys().primaryKey}'
              }
            }
            """;

        var findings = SecretScanner.Find(bicep, "inline.bicep");

        Assert.Contains(findings, f => f.Contains("listKeys(", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("AccountKey=", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("SharedAccessKey", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("connection string built from keys", StringComparison.Ordinal));
    }

    [Fact]
    public void Find_KeyMentionedOnlyInComment_IsNotReported()
    {
        const string bicep = "// never use listKeys( or AccountKey= here\nvar url = 'https://example.org'\n";

        Assert.Empty(SecretScanner.Find(bicep, "inline.bicep"));
    }

    [Theory]
    [InlineData("Microsoft.ServiceBus/namespaces", "disableLocalAuth", "true")]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", "true")]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", "allowBlobPublicAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", "minimumTlsVersion", "'TLS1_2'")]
    [InlineData("Microsoft.Storage/storageAccounts", "supportsHttpsTrafficOnly", "true")]
    [InlineData("Microsoft.ServiceBus/namespaces", "minimumTlsVersion", "'1.2'")]
    public void DeployedResource_AuthSetting_IsLockedDown(string type, string property, string expected)
    {
        Assert.Equal([expected], PropertyOnCreatedResources(Infra.AllDocuments, type, property));
    }

    [Fact]
    public void PropertyOnCreatedResources_NamespaceWithLocalAuthOn_ShowsTheViolation()
    {
        var snippet = new BicepDocument("""
            resource ns 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
              name: 'sb'
              properties: {
                disableLocalAuth: false
              }
            }
            resource other 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
              name: 'sb2'
            }
            """);

        var values = PropertyOnCreatedResources([snippet], "Microsoft.ServiceBus/namespaces", "disableLocalAuth");

        Assert.Equal(["false", "(missing)"], values);
    }

    /// <summary>The property's value on every created (not <c>existing</c>) resource of the type; "(missing)" where absent.</summary>
    private static List<string> PropertyOnCreatedResources(IEnumerable<BicepDocument> documents, string type, string property) =>
        [.. documents.SelectMany(d => d.ResourcesOfType(type))
            .Where(r => !r.IsExisting)
            .Select(r => BicepDocument.Property(r.Body, property) ?? "(missing)")];
}
