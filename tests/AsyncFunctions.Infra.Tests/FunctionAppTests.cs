using AsyncFunctions.Infra.Tests.Parsing;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The function app has the Flex Consumption shape and runs as the user-assigned identity.</summary>
public sealed class FunctionAppTests
{
    private static readonly InfraTemplate Infra = InfraTemplate.FromRepository();
    private static readonly BicepResource Site = Infra.AllDocuments
        .SelectMany(d => d.ResourcesOfType("Microsoft.Web/sites")).Single(r => !r.IsExisting);

    [Fact]
    public void Plan_Sku_IsFlexConsumptionOnLinux()
    {
        var plan = Assert.Single(Infra.AllDocuments.SelectMany(d => d.ResourcesOfType("Microsoft.Web/serverfarms")));
        var sku = BicepDocument.PropertyBlock(plan.Body, "sku")!;

        Assert.Equal("'FC1'", BicepDocument.Property(sku, "name"));
        Assert.Equal("'FlexConsumption'", BicepDocument.Property(sku, "tier"));
        Assert.Equal("true", BicepDocument.Property(plan.Body, "reserved"));
    }

    [Fact]
    public void Site_Kind_IsLinuxFunctionAppOnUserAssignedIdentity()
    {
        Assert.Equal("'functionapp,linux'", BicepDocument.Property(Site.Body, "kind"));
        Assert.Equal("'UserAssigned'", BicepDocument.Property(Site.Body, "type"));
    }

    [Fact]
    public void FunctionAppConfig_Deployment_PullsFromBlobContainerWithUserAssignedIdentity()
    {
        var config = BicepDocument.PropertyBlock(Site.Body, "functionAppConfig")!;
        var storage = BicepDocument.PropertyBlock(config, "storage")!;
        var authentication = BicepDocument.PropertyBlock(storage, "authentication")!;

        Assert.Equal("'blobContainer'", BicepDocument.Property(storage, "type"));
        Assert.Equal("'UserAssignedIdentity'", BicepDocument.Property(authentication, "type"));
        Assert.Equal("identityId", BicepDocument.Property(authentication, "userAssignedIdentityResourceId"));
    }

    [Fact]
    public void FunctionAppConfig_RuntimeAndScale_AreDotnetIsolated10WithBounds()
    {
        var config = BicepDocument.PropertyBlock(Site.Body, "functionAppConfig")!;
        var runtime = BicepDocument.PropertyBlock(config, "runtime")!;
        var scale = BicepDocument.PropertyBlock(config, "scaleAndConcurrency")!;

        Assert.Equal("'dotnet-isolated'", BicepDocument.Property(runtime, "name"));
        Assert.Equal("'10.0'", BicepDocument.Property(runtime, "version"));
        Assert.NotNull(BicepDocument.Property(scale, "maximumInstanceCount"));
        Assert.NotNull(BicepDocument.Property(scale, "instanceMemoryMB"));
    }

    [Theory]
    [InlineData("httpsOnly", "true")]
    [InlineData("ftpsState", "'Disabled'")]
    [InlineData("minTlsVersion", "'1.2'")]
    public void Site_Transport_IsLockedDown(string property, string expected)
    {
        Assert.Equal(expected, BicepDocument.Property(Site.Body, property));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("SCM_DO_BUILD_DURING_DEPLOYMENT")]
    public void AppSettings_FlexConsumptionDeprecatedSetting_IsAbsent(string name)
    {
        var settings = AppSettingsReader.Read(Infra.AllDocuments);

        Assert.NotEmpty(settings);
        Assert.DoesNotContain(name, settings.Keys);
    }
}
