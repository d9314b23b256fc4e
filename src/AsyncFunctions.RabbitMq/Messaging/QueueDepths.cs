namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>Ready messages per queue as the broker counts them (passive declare), and the deliveries this process holds unacknowledged.</summary>
public sealed record QueueDepths(long Ready, long Delayed, int Held, long DeadLetterReady, int DeadLetterHeld);
