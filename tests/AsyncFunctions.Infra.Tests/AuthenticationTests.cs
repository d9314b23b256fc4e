using AsyncFunctions.Infra.Tests.Arm;
using AsyncFunctions.Infra.Tests.Bicep;

namespace AsyncFunctions.Infra.Tests;

/// <summary>App Service authentication (EasyAuth) with Entra ID guards every function but health.</summary>
public sealed class AuthenticationTests
{
    private static readonly string ClientId = (string)CompiledInfra.DefaultParameters["authClientId"]!;
    private static readonly ArmTemplate Main = CompiledInfra.Instance.Main;
    private static readonly ArmResource Auth = Assert.Single(
        Main.Created("Microsoft.Web/sites/config"), c => c.Name.EndsWith("/authsettingsV2", StringComparison.Ordinal));

    [Fact]
    public void AuthSettings_Site_IsTheFunctionApp()
    {
        var site = Assert.Single(Main.Created("Microsoft.Web/sites"));

        Assert.Equal($"{site.Name}/authsettingsV2", Auth.Name);
        Assert.Equal(true, Auth["properties.platform.enabled"]);
    }

    [Fact]
    public void GlobalValidation_Unauthenticated_Gets401ExceptOnHealth()
    {
        Assert.Equal(true, Auth["properties.globalValidation.requireAuthentication"]);
        Assert.Equal("Return401", Auth["properties.globalValidation.unauthenticatedClientAction"]);
        Assert.Equal(new List<object?> { "/api/health" }, Auth["properties.globalValidation.excludedPaths"]);
        Assert.Equal(true, Auth["properties.httpSettings.requireHttps"]);
    }

    [Fact]
    public void EntraId_Provider_ValidatesTokensForTheAppRegistrationOfThisTenant()
    {
        var provider = ArmValue.ObjectAt(Auth.Body, "properties.identityProviders.azureActiveDirectory");

        Assert.Equal(true, provider["enabled"]);
        Assert.Equal(ClientId, ArmValue.At(provider, "registration.clientId"));
        Assert.Equal("<environment().authentication.loginEndpoint><tenant().tenantId>/v2.0", ArmValue.Text(ArmValue.At(provider, "registration.openIdIssuer")));
        Assert.Equal(new List<object?> { ClientId, $"api://{ClientId}" }, ArmValue.At(provider, "validation.allowedAudiences"));
        // Bearer tokens only: no login flow, so no client secret setting and no token store.
        Assert.Null(ArmValue.At(provider, "registration.clientSecretSettingName"));
        Assert.Equal(false, Auth["properties.login.tokenStore.enabled"]);
        Assert.Equal(["azureActiveDirectory"], ArmValue.ObjectAt(Auth.Body, "properties.identityProviders").Keys);
    }

    [Fact]
    public void AuthClientId_Parameter_IsRequired()
    {
        var declaration = Main.ParameterDeclarations["authClientId"];

        Assert.False(declaration.TryGetProperty("defaultValue", out _));
        Assert.Equal(1, declaration.GetProperty("minLength").GetInt32());
    }

    [Fact]
    public void ExcludedPath_Health_IsTheAnonymousHealthFunctionsRoute()
    {
        var health = File.ReadAllText(RepositoryRoot.Combine("src", "AsyncFunctions.Functions", "Http", "HealthEndpoint.cs"));
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var prefix = host.RootElement.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var p) ? p.GetString() : "api";

        Assert.Contains("AuthorizationLevel.Anonymous", health, StringComparison.Ordinal);
        Assert.Contains("Route = \"health\"", health, StringComparison.Ordinal);
        Assert.Equal("api", prefix);
    }
}
