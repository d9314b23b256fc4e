namespace AsyncFunctions.Testing.RabbitMq;

/// <summary>Where Debian's rabbitmq-server package puts the broker and Erlang's port mapper.</summary>
public static class RabbitMqInstall
{
    // The script the package's wrapper (/usr/sbin/rabbitmq-server) calls; run directly it needs no service user.
    private static readonly string[] ServerCandidates = ["/usr/lib/rabbitmq/bin/rabbitmq-server", "/usr/sbin/rabbitmq-server"];
    private static readonly string[] EpmdCandidates = ["/usr/bin/epmd"];

    public static string LocateServer() => Locate(ServerCandidates);

    public static string LocateEpmd() => Locate(EpmdCandidates);

    private static string Locate(string[] candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"RabbitMQ is not installed ({string.Join(" or ", candidates)} missing): run scripts/ci-setup.sh, or apt-get install rabbitmq-server.");
}
