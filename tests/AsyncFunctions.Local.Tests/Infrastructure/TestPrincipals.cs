using System.Text;
using System.Text.Json.Nodes;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Synthetic X-MS-CLIENT-PRINCIPAL values as App Service authentication writes them for an Entra ID caller.</summary>
public static class TestPrincipals
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    public static string WithRoles(params string[] roles)
    {
        var claims = new JsonArray(new JsonObject { ["typ"] = "aud", ["val"] = "api://dispatch" });
        foreach (var role in roles)
            claims.Add(new JsonObject { ["typ"] = "roles", ["val"] = role });
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = claims,
            ["name_typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            ["role_typ"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    /// <summary>A client that sends the principal on every request, as EasyAuth would after validating its token.</summary>
    public static HttpClient As(this HttpClient client, string principal)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, principal);
        return client;
    }
}
