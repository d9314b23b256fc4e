using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Http.Authorization;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>
/// Synthetic X-MS-CLIENT-PRINCIPAL values shaped as App Service authentication writes them for an Entra
/// token (app roles as "roles" claims), and headers EasyAuth would never write.
/// </summary>
internal static class Callers
{
    // Spelled out rather than taken from AppRoles, so a renamed role value shows up here as a failure.
    public static readonly string[] SingleRoles = ["Orders.Submit", "Orders.Read", "Deliveries.Confirm", "Drivers.Manage", "DeadLetters.Operate"];

    /// <summary>Roles that grant nothing: a case variant of a real one and a role the app does not define.</summary>
    public static readonly string[] UselessRoles = ["orders.submit", "Dispatch.Admin"];

    public static string Principal(params string[] roles)
    {
        var claims = new JsonArray(
            new JsonObject { ["typ"] = "aud", ["val"] = "api://dispatch" },
            new JsonObject { ["typ"] = "name", ["val"] = "synthetic-caller" });
        foreach (var role in roles)
            claims.Add(new JsonObject { ["typ"] = ClientPrincipalHeader.TokenRoleClaimType, ["val"] = role });
        return Encode(new JsonObject { ["auth_typ"] = "aad", ["name_typ"] = "name", ["role_typ"] = "roles", ["claims"] = claims }.ToJsonString());
    }

    /// <summary>Header values (one or several) that are no principal at all: each must be 401, never 500.</summary>
    public static IReadOnlyDictionary<string, string[]> Malformed { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["not-base64"] = ["%%% not base64 %%%"],
        ["base64-of-text"] = [Encode("roles=Orders.Submit")],
        ["json-array"] = [Encode("""[{"typ":"roles","val":"Orders.Submit"}]""")],
        ["no-auth-type"] = [Encode("""{"claims":[{"typ":"roles","val":"Orders.Submit"}]}""")],
        ["claim-value-not-string"] = [Encode("""{"auth_typ":"aad","claims":[{"typ":"roles","val":7}]}""")],
        ["duplicate-property"] = [Encode("""{"auth_typ":"aad","auth_typ":"aad","claims":[]}""")],
        ["oversized"] = [Encode($$"""{"auth_typ":"aad","claims":[{"typ":"x","val":"{{new string('a', 20_000)}}"}]}""")],
        ["two-headers"] = [Principal("Orders.Submit"), Principal("DeadLetters.Operate")],
    };

    public static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
}
