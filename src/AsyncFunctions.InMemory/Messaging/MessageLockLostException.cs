namespace AsyncFunctions.InMemory.Messaging;

/// <summary>Settlement after the lock expired or the message was already settled (ServiceBusFailureReason.MessageLockLost).</summary>
public sealed class MessageLockLostException : Exception
{
    public MessageLockLostException() : base("The lock on the message was lost: it expired or the message was already settled.") { }

    public MessageLockLostException(string message) : base(message) { }

    public MessageLockLostException(string message, Exception innerException) : base(message, innerException) { }
}
