using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>The local host in process (TestServer, no socket), with its real consumers, broker and store.</summary>
public sealed class LocalHostFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Local:Consumers", "2");
        builder.UseSetting("Local:SweepInterval", "00:00:01");
        // Bad messages are expected here by the hundred; their warnings would drown the test output.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
    }
}
