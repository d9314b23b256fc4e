using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// The --broker switch: "memory" (the default) is the in-process broker; "rabbitmq" is RabbitMQ on
/// 127.0.0.1:5672 with its guest user (Debian's rabbitmq-server as installed); an amqp:// or amqps:// URI is any RabbitMQ.
/// </summary>
public static class LocalBroker
{
    public const string Memory = "memory";

    public const string RabbitMq = "rabbitmq";

    public static bool IsMemory([NotNullWhen(false)] string? choice) =>
        string.IsNullOrWhiteSpace(choice) || choice.Equals(Memory, StringComparison.OrdinalIgnoreCase);

    /// <summary>The RabbitMq:Uri for this choice; throws with the accepted forms for anything else.</summary>
    public static Uri RabbitMqUriFor(string choice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(choice);
        if (choice.Equals(RabbitMq, StringComparison.OrdinalIgnoreCase))
            return new Uri(AsyncFunctions.RabbitMq.Configuration.RabbitMqOptions.LocalUri);
        if (Uri.TryCreate(choice, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps")
            return uri;
        throw new ArgumentException($"--broker must be memory, rabbitmq or an amqp:// URI (got '{choice}').", nameof(choice));
    }
}
