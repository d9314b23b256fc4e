using System.Text.Json;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Tests.Support;

/// <summary>Requests and options for the check, and what a refusal writes on the wire.</summary>
public static class Requests
{
    public static CallerAuthorizationOptions RolesRequired(bool trusted = true) => new() { RequireRoles = true, TrustPrincipalHeader = trusted };

    public static DefaultHttpContext For(RoutePermission route, params string[] principalHeaders)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = route.Method;
        context.Request.Path = route.Template;
        if (principalHeaders.Length > 0)
            context.Request.Headers[ClientPrincipalHeader.Name] = principalHeaders;
        return context;
    }

    /// <summary>Writes the refusal as the host would and returns the status, content type, challenge and problem body.</summary>
    public static async Task<(int Status, string? ContentType, string Challenge, JsonElement Problem)> WriteAsync(ContractResult refusal, HttpContext context)
    {
        context.Response.Body = new MemoryStream();
        await refusal.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.WWWAuthenticate.ToString(), document.RootElement.Clone());
    }
}
