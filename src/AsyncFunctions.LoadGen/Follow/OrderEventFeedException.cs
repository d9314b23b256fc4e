namespace AsyncFunctions.LoadGen.Follow;

/// <summary>The event feed could not be opened or read, or ended by itself; the message says why, for the run's summary.</summary>
public sealed class OrderEventFeedException : Exception
{
    public OrderEventFeedException()
    {
    }

    public OrderEventFeedException(string message)
        : base(message)
    {
    }

    public OrderEventFeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
