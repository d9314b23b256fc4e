using AsyncFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tables;

/// <summary>
/// Turns Table Storage failures into the core's <see cref="TableStorageException"/> kinds, once, so
/// the engine never sees transport details. Anything the core cannot act on differently (auth not yet
/// propagated, throttling, timeouts, 5xx) is Transient: the caller abandons and the broker retries.
/// </summary>
internal static class TableErrors
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (TableTransactionFailedException ex)
        {
            throw Map(ex, ex.FailedTransactionActionIndex);
        }
        catch (RequestFailedException ex)
        {
            throw Map(ex, failedActionIndex: null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core reports its own network timeout as a cancellation the caller did not ask for.
            throw new TableStorageException(TableErrorKind.Transient, "Table Storage did not answer in time.", null, ex);
        }
        catch (TimeoutException ex)
        {
            throw new TableStorageException(TableErrorKind.Transient, "Table Storage did not answer in time.", null, ex);
        }
        catch (AggregateException ex) when (!cancellationToken.IsCancellationRequested && ex.InnerExceptions.Count > 0
            && ex.InnerExceptions.All(inner => inner is OperationCanceledException or TimeoutException or IOException or System.Net.Http.HttpRequestException or RequestFailedException { Status: 0 }))
        {
            // Azure.Core's "Retry failed after N tries" when every try timed out or lost its connection (a stalled or
            // stopped service): transient, so HTTP answers 503 and consumers back off, never a 500.
            throw new TableStorageException(TableErrorKind.Transient, "Table Storage did not answer in time.", null, ex);
        }
    }

    public static TableErrorKind KindOf(int status) => status switch
    {
        400 => TableErrorKind.BadRequest,
        404 => TableErrorKind.NotFound,
        409 => TableErrorKind.AlreadyExists,
        412 => TableErrorKind.PreconditionFailed,
        _ => TableErrorKind.Transient,
    };

    private static TableStorageException Map(RequestFailedException ex, int? failedActionIndex) =>
        new(KindOf(ex.Status), $"Table Storage answered {ex.Status} ({ex.ErrorCode ?? "no error code"}).", failedActionIndex, ex);
}
