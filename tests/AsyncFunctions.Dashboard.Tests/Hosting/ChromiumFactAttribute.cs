namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>
/// A fact that needs Debian's Chromium. xunit 2 has no dynamic skip, so the skip reason is decided
/// here, when the attribute is built: without the browser the test is reported skipped, not passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
            Skip = $"Chromium not installed at {ChromiumPath} (apt-get install -y chromium)";
    }
}
