namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>
/// The local host with test timings on Kestrel at 127.0.0.1 and a port the OS picks, for what only a real
/// connection has: the port a request arrived on.
/// </summary>
public sealed class SocketHostFactory : LocalHostFactory
{
    public SocketHostFactory() => ListenOnLoopback();
}
