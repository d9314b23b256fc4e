using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Authorization;

/// <summary>The 401 and 403 answers of the role check, in the contract's problem+json shape.</summary>
public static class AuthorizationProblems
{
    /// <summary>RFC 9110 requires a challenge with every 401; the token is a bearer token from Entra ID.</summary>
    public const string Challenge = "Bearer";

    public static ContractResult Unauthenticated(HttpContext context, string detail) =>
        DispatchProblems.Create(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail,
            headers: new Dictionary<string, string> { ["WWW-Authenticate"] = Challenge });

    // The detail names the permission, not the caller's roles: a client learns what to ask for, nothing more.
    public static ContractResult Forbidden(HttpContext context, Permission required) =>
        DispatchProblems.Create(context, StatusCodes.Status403Forbidden, "Forbidden",
            $"This route needs the {required} permission, which the caller's roles do not grant.");
}
