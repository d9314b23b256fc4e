using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Events;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// Fills <see cref="LiveEventBuffer"/> from a <c>dashboard</c> subscription of its own on the in-process events
/// topic, so the dashboard never takes messages off the operations subscription from whoever reads that. The
/// subscription is added in the constructor, which the host runs for every hosted service before any of them
/// starts: a subscription sees only messages sent after it exists, and the relay publishes once started.
/// </summary>
internal sealed partial class LiveEventReader : BackgroundService
{
    /// <summary>The dashboard's subscription on the events topic (every event, as operations gets).</summary>
    public const string SubscriptionName = "dashboard";

    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(1);

    private readonly InMemorySubscription? _subscription;
    private readonly LiveEventBuffer _buffer;
    private readonly ILogger<LiveEventReader> _logger;

    public LiveEventReader(InMemoryTopic? topic, LiveEventBuffer buffer, ILogger<LiveEventReader> logger)
    {
        _buffer = buffer;
        _logger = logger;
        if (topic is null)
            return;
        // A partner may be named "dashboard" too: then that subscription is a filtered one, and the stream stays off rather than show a subset as everything.
        if (topic.Subscriptions.Any(s => s.Name == SubscriptionName))
        {
            LogNameTaken(_logger, SubscriptionName, topic.Name);
            return;
        }

        _subscription = topic.AddSubscription(SubscriptionName, SubscriptionFilter.All);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_subscription is null)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            LockedMessage? locked;
            try
            {
                locked = await _subscription.ReceiveAsync(ReceiveWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (locked is null)
                continue;
            try
            {
                await SettleAsync(locked, stoppingToken);
            }
            catch (MessageLockLostException)
            {
                // The host stalled past the lock: the subscription delivers the message again, and a view may show it twice.
            }
        }
    }

    private async Task SettleAsync(LockedMessage locked, CancellationToken cancellationToken)
    {
        if (await SubscribedEvents.TakeAsync(locked, cancellationToken) is { } received)
            _buffer.Add(new LiveEvent(received.Id, received.Time, received.Type, received.Subject, received.Sequence, received.Source, received.Partner));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Topic {Topic} already has a subscription '{Subscription}' (a partner of that name); the dashboard's live event stream is off.")]
    private static partial void LogNameTaken(ILogger logger, string subscription, string topic);
}
