using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Follow;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>
/// One run: check the host answers, register the drivers, open the event feed if the run follows events, submit
/// the orders at the asked rate with bounded concurrency while following accepted ones until they settle (by
/// polling, by their events, or both side by side), then summarize.
/// </summary>
public sealed class LoadRunner(HttpClient http, LoadOptions options, IProgressSink progress, TimeProvider time)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);
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

        var delivery = new OrderDelivery(http, _ledger);
        // Listening starts before the first order goes out: a feed delivers only what is published after it connects.
        await using var events = options.FollowsEvents ? new EventFollower(OrderEventFeeds.Create(options, http), options, _ledger, delivery, time) : null;
        if (events is not null && await events.StartAsync(cancellationToken) is { } unfollowable)
            return LoadOutcome.Failed(unfollowable);

        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportLoopAsync(reporting.Token);
        var submissionDone = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var following = options.FollowsPolls
            ? new StatusPoller(http, options, _ledger, delivery, time).RunAsync(submissionDone.Task, cancellationToken)
            : events!.SettleAsync(submissionDone.Task, cancellationToken);

        _phase = "submitting";
        var submitted = time.GetTimestamp();
        await SubmitAllAsync(cancellationToken);
        var submitDuration = time.GetElapsedTime(submitted);
        var followUntil = time.GetUtcNow() + options.Wait;
        submissionDone.SetResult(submitDuration);

        _phase = "waiting for orders to settle";
        await following;
        if (options.Follow == FollowMode.Both)
        {
            _phase = "waiting for the event feed";
            await events!.CatchUpAsync(followUntil, cancellationToken);
        }

        await reporting.CancelAsync();
        await reporter;
        progress.Report(Counts());
        var follow = new FollowReport(options.Follow, options.FollowsPolls ? _ledger.PollFigures() : null, events?.Figures(), events?.Error);
        return LoadOutcome.Finished(_ledger.Summarize(options.Orders, options.Drivers, submitDuration, time.GetElapsedTime(_started), follow));
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
            _ledger.Sending(_plan.OrderId(index), sent);
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

}
