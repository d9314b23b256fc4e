namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>The shared local host in process (TestServer, no socket), with its real consumers, broker and store.</summary>
public sealed class LocalHostFactory : AsyncFunctions.Testing.Hosting.LocalHostFactory
{
    public LocalHostFactory()
    {
        With("Local:Consumers", "2");
        With("Local:SweepInterval", "00:00:01");
        // Bad messages are expected here by the hundred; their warnings would drown the test output.
        With("Logging:LogLevel:Default", "Error");
    }
}
