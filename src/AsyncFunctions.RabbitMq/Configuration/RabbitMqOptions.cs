using System.ComponentModel.DataAnnotations;

namespace AsyncFunctions.RabbitMq.Configuration;

/// <summary>Where the broker is and how the orders queue is shaped (section "RabbitMq"); checked at start.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    /// <summary>The local default: Debian's rabbitmq-server with its guest user, which RabbitMQ admits from loopback only.</summary>
    public const string LocalUri = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>RabbitMq:Uri, amqp:// or amqps:// with credentials and virtual host.</summary>
    [Required]
    public Uri Uri { get; set; } = new(LocalUri);

    /// <summary>The quorum queue the orders travel on; its dead-letter and delay queues are named after it.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,200}$")]
    public string QueueName { get; set; } = "orders";

    /// <summary>Deliveries before the broker dead-letters a message (Service Bus's maxDeliveryCount; the quorum queue's x-delivery-limit is one less).</summary>
    [Range(1, 2000)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Unacknowledged messages the broker pushes to one receiver ahead of its consumers.</summary>
    [Range(1, 1000)]
    public int Prefetch { get; set; } = 16;

    /// <summary>Channels sends are spread over; each waits for its own publisher confirms.</summary>
    [Range(1, 64)]
    public int PublishChannels { get; set; } = 4;

    /// <summary>How long the host waits at start for the broker to answer before it stops with a message.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait between attempts of the client's automatic connection recovery.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(1);
}
