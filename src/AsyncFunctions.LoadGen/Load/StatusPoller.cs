using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.LoadGen.Cli;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>
/// Follows orders by asking: GET /api/orders/{id} for every pending order when its backoff is due, with a
/// concurrency limit and a rate of its own, so polling never starves submitting.
/// </summary>
internal sealed class StatusPoller(HttpClient http, LoadOptions options, OrderLedger ledger, OrderDelivery delivery, TimeProvider time)
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Polls due orders until all settled, or until the wait after the last submission runs out.</summary>
    public async Task RunAsync(Task submissionDone, CancellationToken cancellationToken)
    {
        var bucket = new TokenBucket(Math.Max(200, options.Rate * 2), Math.Max(10, options.Rate / 5), time);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var polls = new List<Task>();
        DateTimeOffset? deadline = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (submissionDone.IsCompleted)
                {
                    deadline ??= time.GetUtcNow() + options.Wait;
                    if (ledger.PendingCount == 0 || time.GetUtcNow() >= deadline)
                        break;
                }

                var now = time.GetUtcNow();
                foreach (var order in ledger.Pending.Where(o => o.NextPollAt <= now).OrderBy(o => o.NextPollAt).ToList())
                {
                    if (!order.TryStartPoll())
                        continue;
                    await bucket.WaitAsync(cancellationToken);
                    await slots.WaitAsync(cancellationToken);
                    polls.Add(PollOneAsync(order, slots, cancellationToken));
                }

                polls.RemoveAll(t => t.IsCompleted);
                await Task.Delay(Tick, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(polls);
    }

    private async Task PollOneAsync(TrackedOrder order, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            ledger.Polled();
            using var response = await http.GetAsync($"api/orders/{order.OrderId}", cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                return;
            var status = await response.Content.ReadFromJsonAsync<PolledStatus>(Json, cancellationToken);
            if (status is null)
                return;
            order.LastStatus = status.Status;
            if (status.Status is "Assigned" or "Delivered")
            {
                var known = time.GetTimestamp();
                if (ledger.Resolve(order, status.Status, status.Status == "Assigned" ? (status.UpdatedAt - status.CreatedAt).TotalMilliseconds : null)
                    && ledger.TryGetSentAt(order.OrderId, out var sentAt))
                    ledger.PolledAssigned(time.GetElapsedTime(sentAt, known));
                if (options.Deliver && status.Status == "Assigned")
                    await delivery.DeliverAsync(order.OrderId, cancellationToken);
            }
            else if (status.Status == "DeadLettered")
                ledger.Resolve(order, status.Status, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            // A failed poll is simply tried again at the order's next turn.
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            order.PollDone(time.GetUtcNow());
            slots.Release();
        }
    }

    private sealed record PolledStatus(string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
