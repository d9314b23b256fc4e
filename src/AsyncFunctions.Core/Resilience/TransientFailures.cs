using System.Net.Sockets;
using AsyncFunctions.Core.Storage;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// The one classification of failures: what may pass if tried again later (throttling, timeouts,
/// connection errors, an open breaker) against what never will (a bug, a bad request), which keeps
/// the poison path of the broker's delivery count.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception, CancellationToken callerToken = default) => exception switch
    {
        TableStorageException storage => storage.IsTransient,
        BrokenCircuitException => true,
        TimeoutException => true,
        HttpRequestException => true,
        IOException => true,
        SocketException => true,
        // Cancelled although the caller did not ask for it: an SDK's own timeout.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => IsTransient(inner, callerToken)),
        _ => false,
    };

    /// <summary>True when the call never left the process because the dependency's breaker is open.</summary>
    public static bool IsCircuitOpen(Exception exception) =>
        exception is BrokenCircuitException || exception.InnerException is BrokenCircuitException;

    /// <summary>Did the service answer at all? Conflicts and 404s are answers; only transient failures count against a breaker.</summary>
    public static bool CountsAgainstBreaker(Exception exception) => IsTransient(exception) && !IsCircuitOpen(exception);
}
