using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Tests.Support;

namespace AsyncFunctions.Http.Tests.Authorization;

/// <summary>The strict reading of X-MS-CLIENT-PRINCIPAL: the EasyAuth shape or nothing.</summary>
public sealed class ClientPrincipalHeaderTests
{
    private const int Max = 16384;

    [Fact]
    public void TryParse_EasyAuthPrincipal_ReadsProviderNameAndRoles()
    {
        Assert.True(ClientPrincipalHeader.TryParse(Principals.Header("Orders.Submit", "Orders.Read"), Max, out var principal));

        Assert.Equal("aad", principal.AuthenticationType);
        Assert.Equal("ordering-client", principal.Name);
        Assert.Equal(["Orders.Read", "Orders.Submit"], principal.Roles.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("roles")]
    [InlineData(Principals.RoleClaimType)]
    [InlineData("custom-role-type")]
    public void TryParse_RoleClaimTypes_TokenNameMappedNameAndRoleTyp_AllCountAsRoles(string claimType)
    {
        var json = Principals.Json();
        json["role_typ"] = "custom-role-type";
        ((JsonArray)json["claims"]!).Add(new JsonObject { ["typ"] = claimType, ["val"] = "Drivers.Manage" });

        Assert.True(ClientPrincipalHeader.TryParse(Principals.Encode(json.ToJsonString()), Max, out var principal));
        Assert.Contains("Drivers.Manage", principal.Roles);
    }

    [Fact]
    public void TryParse_OtherClaimsWithRoleLikeValues_AreNotRoles()
    {
        var json = Principals.Json();
        ((JsonArray)json["claims"]!).Add(new JsonObject { ["typ"] = "groups", ["val"] = "DeadLetters.Operate" });

        Assert.True(ClientPrincipalHeader.TryParse(Principals.Encode(json.ToJsonString()), Max, out var principal));
        Assert.Empty(principal.Roles);
    }

    [Fact]
    public void TryParse_OptionalTypesNullOrAbsent_IsStillAPrincipal()
    {
        var json = Principals.Json("Orders.Read");
        json["name_typ"] = null;
        json.Remove("role_typ");

        Assert.True(ClientPrincipalHeader.TryParse(Principals.Encode(json.ToJsonString()), Max, out var principal));
        Assert.Null(principal.Name);
        Assert.Contains("Orders.Read", principal.Roles);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "empty", "" },
        { "not base64", "not*base64!" },
        { "base64 of nothing", "====" },
        { "base64 of text", Principals.Encode("hello") },
        { "invalid UTF-8", Convert.ToBase64String([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) },
        { "JSON array", Principals.Encode("[]") },
        { "JSON string", Principals.Encode("\"aad\"") },
        { "JSON null", Principals.Encode("null") },
        { "truncated JSON", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[") },
        { "trailing comma", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[],}") },
        { "comment", Principals.Encode("{/*x*/\"auth_typ\":\"aad\",\"claims\":[]}") },
        { "no auth_typ", Principals.Encode("{\"claims\":[]}") },
        { "empty auth_typ", Principals.Encode("{\"auth_typ\":\"\",\"claims\":[]}") },
        { "numeric auth_typ", Principals.Encode("{\"auth_typ\":1,\"claims\":[]}") },
        { "no claims", Principals.Encode("{\"auth_typ\":\"aad\"}") },
        { "claims an object", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":{}}") },
        { "claims null", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":null}") },
        { "claim a string", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[\"roles\"]}") },
        { "claim without typ", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"val\":\"Orders.Read\"}]}") },
        { "claim with empty typ", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"\",\"val\":\"x\"}]}") },
        { "claim without val", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\"}]}") },
        { "numeric val", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":7}]}") },
        { "array val", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":[\"Orders.Read\"]}]}") },
        { "numeric role_typ", Principals.Encode("{\"auth_typ\":\"aad\",\"role_typ\":3,\"claims\":[]}") },
        { "duplicate auth_typ", Principals.Encode("{\"auth_typ\":\"aad\",\"auth_typ\":\"x\",\"claims\":[]}") },
        { "duplicate val", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":\"a\",\"val\":\"DeadLetters.Operate\"}]}") },
        { "nested too deep", Principals.Encode("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":\"x\",\"extra\":{\"a\":1}}]}") },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_MalformedValue_IsNoPrincipal(string description, string value)
    {
        Assert.False(ClientPrincipalHeader.TryParse(value, Max, out var principal), description);
        Assert.Null(principal);
    }

    [Fact]
    public void TryParse_LongerThanTheLimit_IsRefusedBeforeDecoding()
    {
        var value = Principals.Header("Orders.Read");

        Assert.True(ClientPrincipalHeader.TryParse(value, value.Length, out _));
        Assert.False(ClientPrincipalHeader.TryParse(value, value.Length - 1, out _));
    }

    [Fact]
    public void TryParse_MoreClaimsThanAnyToken_IsNoPrincipal()
    {
        var claims = new StringBuilder();
        for (var i = 0; i <= ClientPrincipalHeader.MaxClaims; i++)
            claims.Append(i == 0 ? "" : ",").Append("{\"typ\":\"c\",\"val\":\"v\"}");
        var value = Principals.Encode($"{{\"auth_typ\":\"aad\",\"claims\":[{claims}]}}");

        Assert.False(ClientPrincipalHeader.TryParse(value, int.MaxValue, out _));
    }
}
