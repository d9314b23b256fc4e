using System.Text.Json;
using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>No key is read, built or stored by the deployment, and local (key) auth is off on every service.</summary>
public sealed class LocalAuthTests
{
    private static readonly ArmTemplate Main = CompiledInfra.Instance.Main;

    [Theory]
    [InlineData("Microsoft.ServiceBus/namespaces", "disableLocalAuth", true)]
    [InlineData("Microsoft.ServiceBus/namespaces", "minimumTlsVersion", "1.2")]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", true)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", false)]
    [InlineData("Microsoft.Storage/storageAccounts", "defaultToOAuthAuthentication", true)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowBlobPublicAccess", false)]
    [InlineData("Microsoft.Storage/storageAccounts", "minimumTlsVersion", "TLS1_2")]
    [InlineData("Microsoft.Storage/storageAccounts", "supportsHttpsTrafficOnly", true)]
    public void CreatedResource_AuthSetting_IsLockedDown(string type, string property, object expected)
    {
        var created = Main.Created(type);

        Assert.NotEmpty(created);
        Assert.All(created, r => Assert.Equal(expected, r.Properties.GetValueOrDefault(property, "(missing)")));
    }

    [Fact]
    public void CompiledTemplate_Anywhere_ReadsOrStoresNoKey()
    {
        Assert.Empty(SecretScanner.Find(CompiledInfra.Instance.Json));
    }

    [Fact]
    public void Find_KeysReadOrSasRulesCreated_AreReported()
    {
        using var template = JsonDocument.Parse("""
            {
              "metadata": { "description": "never use listKeys( here" },
              "resources": [
                { "type": "Microsoft.ServiceBus/namespaces/authorizationRules", "name": "send" },
                { "type": "Microsoft.Web/sites/config", "properties": {
                    "Storage": "[format('DefaultEndpointsProtocol=https;AccountKey={0}', listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2026-09-01').keys[0].value)]" } }
              ]
            }
            """);

        var findings = SecretScanner.Find(template.RootElement);

        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.Contains("authorizationRules", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'listKeys('", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'AccountKey='", StringComparison.Ordinal));
    }
}
