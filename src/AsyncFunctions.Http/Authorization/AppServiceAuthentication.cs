namespace AsyncFunctions.Http.Authorization;

/// <summary>Whether App Service authentication (EasyAuth) runs in front of this app, as the platform says.</summary>
public static class AppServiceAuthentication
{
    /// <summary>Read-only, injected by App Service when authentication is on for the app.</summary>
    public const string EnabledVariable = "WEBSITE_AUTH_ENABLED";

    public static bool IsEnabled(string? enabledVariableValue) =>
        string.Equals(enabledVariableValue, "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsEnabled() => IsEnabled(Environment.GetEnvironmentVariable(EnabledVariable));
}
