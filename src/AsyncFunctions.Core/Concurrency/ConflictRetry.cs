using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Concurrency;

/// <summary>
/// The one optimistic-concurrency loop: run an attempt that reads fresh state and writes with ETags;
/// when it loses an ETag race, run it again from fresh state; after a bounded number of tries, say so
/// with <see cref="Attempted{T}.IsContended"/> rather than an exception. HTTP answers contention with
/// 503 + Retry-After, messages with the transient path (abandon, redelivered later).
/// </summary>
public static class ConflictRetry
{
    /// <summary>The conflict most attempts lose: 412, someone wrote the entity since it was read.</summary>
    public static bool IsPreconditionFailed(TableStorageException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Kind == TableErrorKind.PreconditionFailed;
    }

    /// <param name="maxAttempts">How often <paramref name="attempt"/> may run in all (Dispatch:MaxConflictRetries).</param>
    /// <param name="attempt">Called with the round, 0 first; reads what it needs afresh each time.</param>
    /// <param name="contended">What kept changing, for the contention's detail ("Order o-1 kept changing while …").</param>
    /// <param name="isConflict">Which storage failures mean "lost a race, try again"; 412 by default. Anything else escapes.</param>
    /// <param name="onConflict">Runs after each lost race, before the next round (count it, drop a cache).</param>
    public static async Task<Attempted<T>> RunAsync<T>(
        int maxAttempts,
        Func<int, Task<T>> attempt,
        string contended,
        Func<TableStorageException, bool>? isConflict = null,
        Action<TableStorageException>? onConflict = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        isConflict ??= IsPreconditionFailed;
        for (var round = 0; round < maxAttempts; round++)
        {
            try
            {
                return Attempted<T>.Done(await attempt(round));
            }
            catch (TableStorageException ex) when (isConflict(ex))
            {
                onConflict?.Invoke(ex);
            }
        }

        return Attempted<T>.Contended($"{contended} ({maxAttempts} attempts); try again later.");
    }
}
