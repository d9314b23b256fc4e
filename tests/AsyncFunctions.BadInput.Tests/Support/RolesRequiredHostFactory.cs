using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>The local host in process with the role check on ("Authorization:RequireRoles").</summary>
public sealed class RolesRequiredHostFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Local:Consumers", "2");
        builder.UseSetting("Authorization:RequireRoles", "true");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
    }
}
