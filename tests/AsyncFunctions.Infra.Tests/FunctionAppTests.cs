using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The function app has the Flex Consumption shape and runs as the user-assigned identity.</summary>
public sealed class FunctionAppTests
{
    private const string IdentityResourceId = "<reference('identity').outputs.id.value>";

    private static readonly ArmTemplate Main = CompiledInfra.Instance.Main;
    private static readonly ArmResource Site = Assert.Single(Main.Created("Microsoft.Web/sites"));

    [Fact]
    public void Plan_Sku_IsFlexConsumptionOnLinux()
    {
        var plan = Assert.Single(Main.Created("Microsoft.Web/serverfarms"));

        Assert.Equal("FC1", plan["sku.name"]);
        Assert.Equal("FlexConsumption", plan["sku.tier"]);
        Assert.Equal(true, plan["properties.reserved"]);
        Assert.EndsWith($"/providers/Microsoft.Web/serverfarms/{plan.Name}", ArmValue.Text(Site["properties.serverFarmId"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Site_Identity_IsOnlyTheUserAssignedIdentity()
    {
        var identities = ArmValue.ObjectAt(Site.Body, "identity.userAssignedIdentities");

        Assert.Equal("functionapp,linux", Site["kind"]);
        Assert.Equal("UserAssigned", Site["identity.type"]);
        Assert.Equal([IdentityResourceId], identities.Keys);
    }

    [Fact]
    public void FunctionAppConfig_Deployment_PullsFromTheBlobContainerWithTheUserAssignedIdentity()
    {
        var storage = ArmValue.ObjectAt(Site.Body, "properties.functionAppConfig.deployment.storage");
        var container = Assert.Single(Main.Created("Microsoft.Storage/storageAccounts/blobServices/containers"));

        Assert.Equal("blobContainer", storage["type"]);
        Assert.Equal("UserAssignedIdentity", ArmValue.At(storage, "authentication.type"));
        Assert.Equal(IdentityResourceId, ArmValue.Text(ArmValue.At(storage, "authentication.userAssignedIdentityResourceId")));
        Assert.Equal($"<reference('storage').primaryEndpoints.blob>{container.Name.Split('/')[^1]}", ArmValue.Text(storage["value"]));
    }

    [Fact]
    public void FunctionAppConfig_RuntimeAndScale_AreDotnetIsolated10WithBounds()
    {
        Assert.Equal("dotnet-isolated", Site["properties.functionAppConfig.runtime.name"]);
        Assert.Equal("10.0", Site["properties.functionAppConfig.runtime.version"]);
        Assert.Equal(100L, Site["properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"]);
        Assert.Equal(2048L, Site["properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"]);
    }

    [Theory]
    [InlineData("properties.httpsOnly", true)]
    [InlineData("properties.siteConfig.ftpsState", "Disabled")]
    [InlineData("properties.siteConfig.minTlsVersion", "1.2")]
    public void Site_Transport_IsLockedDown(string path, object expected)
    {
        Assert.Equal(expected, Site[path]);
    }
}
