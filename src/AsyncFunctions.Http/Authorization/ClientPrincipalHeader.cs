using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AsyncFunctions.Http.Authorization;

/// <summary>
/// Reads X-MS-CLIENT-PRINCIPAL, which App Service authentication (EasyAuth) sets after validating the
/// caller's token: base64 of {"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}.
/// Strict on purpose: anything that is not exactly that shape is no principal at all (a 401), never a 500.
/// </summary>
public static class ClientPrincipalHeader
{
    public const string Name = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The role claim type Entra ID's claims mapping uses; "roles" is the token's own name for it.</summary>
    public const string MappedRoleClaimType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    public const string TokenRoleClaimType = "roles";

    /// <summary>More claims than any real token carries is not a principal; it bounds the work per request.</summary>
    public const int MaxClaims = 500;

    // Depth 3 is the format (object, claims array, claim object); one more level is already malformed.
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 3, AllowDuplicateProperties = false };

    /// <summary>Decodes and checks a header value no longer than <paramref name="maxLength"/> characters.</summary>
    public static bool TryParse(string? value, int maxLength, [NotNullWhen(true)] out ClientPrincipal? principal)
    {
        principal = null;
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
            return false;

        var bytes = new byte[(value.Length / 4 + 1) * 3];
        if (!Convert.TryFromBase64String(value, bytes, out var length) || length == 0)
            return false;

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length), JsonOptions);
            return TryRead(document.RootElement, out principal);
        }
        catch (JsonException)
        {
            // Not JSON, not UTF-8, too deep, or a property twice: not a principal EasyAuth wrote.
            return false;
        }
    }

    private static bool TryRead(JsonElement root, [NotNullWhen(true)] out ClientPrincipal? principal)
    {
        principal = null;
        if (root.ValueKind != JsonValueKind.Object
            || !TryGetString(root, "auth_typ", required: true, out var authType) || authType.Length == 0
            || !TryGetString(root, "name_typ", required: false, out var nameType)
            || !TryGetString(root, "role_typ", required: false, out var roleType)
            || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array
            || claims.GetArrayLength() > MaxClaims)
        {
            return false;
        }

        string? name = null;
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in claims.EnumerateArray())
        {
            if (claim.ValueKind != JsonValueKind.Object
                || !TryGetString(claim, "typ", required: true, out var type) || type.Length == 0
                || !TryGetString(claim, "val", required: true, out var claimValue))
            {
                return false;
            }

            if (IsRoleClaim(type, roleType))
                roles.Add(claimValue);
            else if (name is null && nameType.Length > 0 && type.Equals(nameType, StringComparison.Ordinal))
                name = claimValue;
        }

        principal = new ClientPrincipal(authType, name, roles);
        return true;
    }

    private static bool IsRoleClaim(string type, string roleType) =>
        type.Equals(TokenRoleClaimType, StringComparison.Ordinal)
        || type.Equals(MappedRoleClaimType, StringComparison.Ordinal)
        || (roleType.Length > 0 && type.Equals(roleType, StringComparison.Ordinal));

    /// <summary>A string property; an optional one may be absent or null (read as empty), anything else fails.</summary>
    private static bool TryGetString(JsonElement element, string property, bool required, out string value)
    {
        value = string.Empty;
        if (!element.TryGetProperty(property, out var found))
            return !required;
        if (found.ValueKind == JsonValueKind.Null)
            return !required;
        if (found.ValueKind != JsonValueKind.String)
            return false;
        value = found.GetString()!;
        return true;
    }
}
