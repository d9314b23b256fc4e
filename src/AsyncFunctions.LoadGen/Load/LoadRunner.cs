using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>
/// One run: check the host answers, register the drivers, submit the orders at the asked rate with bounded
/// concurrency while polling accepted ones until they settle, then summarize. Submissions and polls each
/// have their own concurrency limit, and polls their own rate, so watching never starves sending.
/// </summary>
public sealed class LoadRunner(HttpClient http, LoadOptions options, IProgressSink progress, TimeProvider time)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PollTick = TimeSpan.FromMilliseconds(50);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly OrderLedger _ledger = new();
    private readonly FleetPlan _plan = new(options);
    private long _started;
    private volatile string _phase = "starting";

    public async Task<LoadOutcome> RunAsync(CancellationToken cancellationToken)
    {
        _started = time.GetTimestamp();
        if (await PreflightAsync(cancellationToken) is { } unreachable)
            return LoadOutcome.Failed(unreachable);
        if (await RegisterDriversAsync(cancellationToken) is { } refused)
            return LoadOutcome.Failed(refused);

        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportLoopAsync(reporting.Token);
        var submissionDone = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var polling = PollLoopAsync(submissionDone.Task, cancellationToken);

        _phase = "submitting";
        var submitted = time.GetTimestamp();
        await SubmitAllAsync(cancellationToken);
        var submitDuration = time.GetElapsedTime(submitted);
        submissionDone.SetResult(submitDuration);

        _phase = "waiting for orders to settle";
        await polling;
        await reporting.CancelAsync();
        await reporter;
        progress.Report(Counts());
        return LoadOutcome.Finished(_ledger.Summarize(options.Orders, options.Drivers, submitDuration, time.GetElapsedTime(_started)));
    }

    private async Task<string?> PreflightAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.GetAsync("api/health", timeout.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => null,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    $"{options.Url} refused the request ({(int)response.StatusCode}); pass the function key with --function-key.",
                _ => $"{options.Url}api/health answered {(int)response.StatusCode}; is this the dispatch host?",
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"cannot reach {options.Url} ({ex.GetBaseException().Message}). Start the local host first: "
                + "dotnet run --project src/AsyncFunctions.Local -- --seed-drivers (or pass --url).";
        }
    }

    private async Task<string?> RegisterDriversAsync(CancellationToken cancellationToken)
    {
        _phase = "registering drivers";
        string? firstRefusal = null;
        await Parallel.ForAsync(0, options.Drivers, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var response = await http.PutAsJsonAsync($"api/drivers/{FleetPlan.DriverId(i)}", _plan.Driver(i), Json, ct);
            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(ct);
                Interlocked.CompareExchange(ref firstRefusal, $"driver {FleetPlan.DriverId(i)} was refused with {(int)response.StatusCode}: {detail}", null);
            }
        });
        return firstRefusal;
    }

    private async Task SubmitAllAsync(CancellationToken cancellationToken)
    {
        var bucket = new TokenBucket(options.Rate, Math.Max(1, options.Rate / 10), time);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var inFlight = new List<Task>();
        try
        {
            for (var i = 0; i < options.Orders; i++)
            {
                await bucket.WaitAsync(cancellationToken);
                await slots.WaitAsync(cancellationToken);
                inFlight.Add(SubmitOneAsync(i, slots, cancellationToken));
                if (options.Duplicates > 0 && _plan.IsDuplicated(i))
                {
                    await slots.WaitAsync(cancellationToken);
                    inFlight.Add(SubmitOneAsync(i, slots, cancellationToken, duplicate: true));
                }

                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: summarize what was sent.
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SubmitOneAsync(int index, SemaphoreSlim slots, CancellationToken cancellationToken, bool duplicate = false)
    {
        try
        {
            if (!duplicate)
                _ledger.Submitted1();
            var sent = time.GetTimestamp();
            using var response = await http.PostAsJsonAsync("api/orders", _plan.Order(index), Json, cancellationToken);
            _ledger.SubmitTook(time.GetElapsedTime(sent));
            switch (response.StatusCode)
            {
                case HttpStatusCode.Accepted:
                    _ledger.Accept(_plan.OrderId(index), time.GetUtcNow() + TrackedOrder.FirstInterval);
                    break;
                case HttpStatusCode.OK:
                    _ledger.Duplicate();
                    break;
                default:
                    _ledger.Reject((int)response.StatusCode);
                    break;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _ledger.TransportError();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Polls due orders until all settled, or until the wait after the last submission runs out.</summary>
    private async Task PollLoopAsync(Task<TimeSpan> submissionDone, CancellationToken cancellationToken)
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
                    if (_ledger.PendingCount == 0 || time.GetUtcNow() >= deadline)
                        break;
                }

                var now = time.GetUtcNow();
                foreach (var order in _ledger.Pending.Where(o => o.NextPollAt <= now).OrderBy(o => o.NextPollAt).ToList())
                {
                    if (!order.TryStartPoll())
                        continue;
                    await bucket.WaitAsync(cancellationToken);
                    await slots.WaitAsync(cancellationToken);
                    polls.Add(PollOneAsync(order, slots, cancellationToken));
                }

                polls.RemoveAll(t => t.IsCompleted);
                await Task.Delay(PollTick, time, cancellationToken);
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
            using var response = await http.GetAsync($"api/orders/{order.OrderId}", cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                return;
            var status = await response.Content.ReadFromJsonAsync<PolledStatus>(Json, cancellationToken);
            if (status is null)
                return;
            order.LastStatus = status.Status;
            if (status.Status is "Assigned" or "Delivered")
            {
                _ledger.Resolve(order, status.Status, status.Status == "Assigned" ? (status.UpdatedAt - status.CreatedAt).TotalMilliseconds : null);
                if (options.Deliver && status.Status == "Assigned")
                    await DeliverAsync(order.OrderId, cancellationToken);
            }
            else if (status.Status == "DeadLettered")
                _ledger.Resolve(order, status.Status, null);
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

    private async Task DeliverAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"api/orders/{orderId}/delivered", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
            _ledger.Delivered();
    }

    private async Task ReportLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                progress.Report(Counts());
                await Task.Delay(ReportEvery, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private LiveCounts Counts() => new(_phase, options.Orders, _ledger.Submitted, _ledger.Accepted, _ledger.Assigned, _ledger.Awaiting,
        _ledger.DeadLettered, _ledger.Rejected, _ledger.TransportErrors, time.GetElapsedTime(_started));

    private sealed record PolledStatus(string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
