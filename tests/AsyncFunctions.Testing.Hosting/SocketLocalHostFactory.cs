namespace AsyncFunctions.Testing.Hosting;

/// <summary>
/// The local host on Kestrel at 127.0.0.1 and a port the OS picks: a browser or a load generator needs a socket.
/// One parameterless constructor, as xunit requires of a class fixture; settings and services come through With.
/// </summary>
public sealed class SocketLocalHostFactory : LocalHostFactory
{
    public SocketLocalHostFactory() => ListenOnLoopback();
}
