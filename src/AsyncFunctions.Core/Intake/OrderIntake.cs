using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Intake;

/// <summary>
/// Accepts orders idempotently. The status entity is written before the message is sent: the table
/// is the outbox, so a failed send still leaves a durably accepted order that the sweeper publishes.
/// </summary>
public sealed partial class OrderIntake(
    DispatchStore store,
    IMessagePublisher publisher,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    DispatchMetrics metrics,
    ILogger<OrderIntake> logger)
{
    /// <summary>POST /api/orders: 202 new, 200 identical duplicate, 409 same id with another payload, 400 invalid.</summary>
    public async Task<DispatchResult<OrderStatusView>> SubmitAsync(ReadOnlyMemory<byte> body, string? idempotencyKey, string source, string? correlationId, CancellationToken cancellationToken)
    {
        using var activity = DispatchTracing.StartInternal("intake");
        var parsed = OrderParser.Parse(body, time.GetUtcNow(), idempotencyKey);
        if (!parsed.IsValid)
        {
            activity?.SetTag(DispatchTags.Outcome, "invalid");
            return DispatchResult<OrderStatusView>.FromParseFailure(parsed);
        }

        activity?.SetTag(DispatchTags.OrderId, parsed.Value.OrderId);
        activity?.SetTag(DispatchTags.Zone, parsed.Value.Zone);
        var acceptance = await AcceptAsync(parsed.Value, source, correlationId, cancellationToken);
        activity?.SetTag(DispatchTags.Outcome, acceptance.IsConflict ? "conflict" : acceptance.IsNew ? "accepted" : "duplicate");
        if (acceptance.IsConflict)
            return DispatchResult<OrderStatusView>.Conflict("Order id already used", acceptance.ConflictDetail);
        if (!acceptance.IsNew)
        {
            metrics.Duplicate("intake");
            // A retry after a crash between writing the order and sending its message: send it now
            // rather than wait for the sweeper. If it was sent, the broker drops this copy (same MessageId).
            if (acceptance.Order.Status == OrderStatus.NeedsAssignment)
                await TryPublishAsync(acceptance.Order, cancellationToken);
            return DispatchResult<OrderStatusView>.Ok(acceptance.Order.ToView());
        }

        await TryPublishAsync(acceptance.Order, cancellationToken);
        return DispatchResult<OrderStatusView>.Accepted(acceptance.Order.ToView());
    }

    /// <summary>
    /// Claims the order id in the directory (insert-if-absent), then writes the status entity. Safe to
    /// repeat after a crash between the two: a directory entry without its order is completed here.
    /// </summary>
    public async Task<Acceptance> AcceptAsync(OrderRequest order, string source, string? correlationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var payload = OrderFingerprint.CanonicalJson(order);
        var hash = OrderFingerprint.HashOf(payload);
        var entry = new DirectoryEntry(order.OrderId, EntityKeys.DirectoryOrderRow, order.Zone, hash, now);
        try
        {
            await store.AddDirectoryAsync(entry, cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.AlreadyExists)
        {
            var existing = await store.GetDirectoryAsync(order.OrderId, EntityKeys.DirectoryOrderRow, cancellationToken)
                ?? throw new TableStorageException(TableErrorKind.Transient, $"Directory entry of {order.OrderId} vanished during intake.");
            if (existing.PayloadHash != hash)
                return Acceptance.Conflict($"Order '{order.OrderId}' was already submitted with a different payload; use a new orderId for a different order.");
            var stored = await store.GetOrderAsync(existing.Zone, order.OrderId, cancellationToken);
            if (stored is not null)
                return new Acceptance(stored, false, null);
        }

        // The order remembers the trace it was accepted in (the HTTP request's, or the partner's through its delivery).
        var record = OrderLifecycle.Accept(order, payload, hash, source, correlationId, now, FirstDue(order, now)) with { TraceParent = TraceContextProperties.Current() };
        try
        {
            return new Acceptance(await store.AddOrderAsync(record, cancellationToken), true, null);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.AlreadyExists)
        {
            // Another copy completed the same half-done intake first: that one is the order.
            var stored = await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken)
                ?? throw new TableStorageException(TableErrorKind.Transient, $"Order {order.OrderId} was reported to exist but could not be read; try again.");
            return new Acceptance(stored, false, null);
        }
    }

    /// <summary>Due now, or at readyAt minus the lead time when the food is not ready for a while.</summary>
    private DateTimeOffset FirstDue(OrderRequest order, DateTimeOffset now) =>
        order.ReadyAt is { } readyAt && readyAt - options.Value.ScheduleLeadTime > now
            ? readyAt - options.Value.ScheduleLeadTime
            : now;

    private async Task TryPublishAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.SendAsync(OrderMessages.First(order, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Accepted all the same: the status entity is the outbox and the sweeper publishes it.
            LogSendFailed(logger, ex, order.OrderId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} accepted but its message could not be sent; the sweeper will publish it")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string orderId);
}
