using System.Text;
using System.Text.Json.Nodes;

namespace AsyncFunctions.Http.Tests.Support;

/// <summary>Synthetic X-MS-CLIENT-PRINCIPAL values, shaped as App Service authentication writes them for Entra ID.</summary>
public static class Principals
{
    public const string RoleClaimType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    public const string NameClaimType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

    public static JsonObject Json(params string[] roles)
    {
        var claims = new JsonArray(
            new JsonObject { ["typ"] = "aud", ["val"] = "api://dispatch" },
            new JsonObject { ["typ"] = NameClaimType, ["val"] = "ordering-client" });
        foreach (var role in roles)
            claims.Add(new JsonObject { ["typ"] = "roles", ["val"] = role });
        return new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = claims,
            ["name_typ"] = NameClaimType,
            ["role_typ"] = RoleClaimType,
        };
    }

    public static string Header(params string[] roles) => Encode(Json(roles).ToJsonString());

    public static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
}
