using System.Text.Json;
using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Load;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>
/// Follows orders by listening: reads the event feed into <see cref="FollowedOrders"/> from before the first
/// order is sent, and (with --follow events) settles the run's pending orders from what it heard instead of polling.
/// </summary>
internal sealed class EventFollower(IOrderEventFeed feed, LoadOptions options, OrderLedger ledger, OrderDelivery delivery, TimeProvider time) : IAsyncDisposable
{
    private readonly FollowedOrders _followed = new(ledger, time);
    private CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;

    /// <summary>Connects and starts reading; the error, if the feed cannot be opened.</summary>
    public async Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await feed.ConnectAsync(cancellationToken);
        }
        catch (OrderEventFeedException ex)
        {
            return $"cannot follow the order events: {ex.Message}";
        }

        _stop.Dispose();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reading = ReadAsync(_stop.Token);
        return null;
    }

    /// <summary>With --follow events: resolves pending orders from their events until all settled, the wait runs out, or the feed fails.</summary>
    public async Task SettleAsync(Task submissionDone, CancellationToken cancellationToken)
    {
        var deliveries = new List<Task>();
        DateTimeOffset? deadline = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (submissionDone.IsCompleted)
                {
                    deadline ??= time.GetUtcNow() + options.Wait;
                    if (ledger.PendingCount == 0 || time.GetUtcNow() >= deadline || _followed.Error is not null)
                        break;
                }

                foreach (var order in ledger.Pending.ToList())
                {
                    if (_followed.Find(order.OrderId) is not { } heard)
                        continue;
                    order.LastStatus = heard.Status;
                    if (heard.IsAssigned)
                    {
                        if (ledger.Resolve(order, "Assigned", heard.SubmitToAssignedMs) && options.Deliver)
                            deliveries.Add(DeliverAsync(order.OrderId, cancellationToken));
                    }
                    else if (heard.IsDeadLettered)
                        ledger.Resolve(order, "DeadLettered", null);
                }

                deliveries.RemoveAll(t => t.IsCompleted);
                await Task.Delay(StatusPoller.Tick, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(deliveries);
    }

    /// <summary>With --follow both, after polling settled: waits until the feed has heard as many outcomes as polling saw, or the deadline.</summary>
    public async Task CatchUpAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        try
        {
            while (_followed.FinalCount < ledger.Assigned + ledger.DeadLettered && _followed.Error is null && time.GetUtcNow() < deadline)
                await Task.Delay(StatusPoller.Tick, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public FollowFigures Figures() => _followed.Figures(ledger.Accepted);

    public string? Error => _followed.Error;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
        await feed.DisposeAsync();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var followed in feed.ReadAllAsync(cancellationToken))
                _followed.Add(followed, time.GetTimestamp());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OrderEventFeedException ex)
        {
            _followed.Fail(ex.Message);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            _followed.Fail($"an event could not be read ({ex.Message}).");
        }
    }

    private async Task DeliverAsync(string orderId, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.DeliverAsync(orderId, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not delivered: the summary's delivered count says so.
        }
    }
}
