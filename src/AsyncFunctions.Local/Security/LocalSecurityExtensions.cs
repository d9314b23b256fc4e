using AsyncFunctions.Http.Authorization;

namespace AsyncFunctions.Local.Security;

/// <summary>Who may call the local host: everyone on this machine by default, roles when "Authorization:RequireRoles" is true, never another site.</summary>
public static class LocalSecurityExtensions
{
    public static WebApplicationBuilder AddLocalSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A developer's machine: open by default. With the setting on, the principal header is read as
        // EasyAuth would pass it, so the tests can drive the role check end to end; nothing strips it here.
        builder.Services.AddCallerAuthorization(requireRoles: false, trustPrincipalHeader: true);
        return builder;
    }

    /// <summary>Before everything else, the dashboard's static files included.</summary>
    public static WebApplication UseLocalRequestGuards(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<LoopbackHostFilter>();
        app.UseMiddleware<CrossSiteRequestFilter>();
        return app;
    }
}
