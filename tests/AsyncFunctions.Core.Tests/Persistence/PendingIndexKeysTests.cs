using System.Globalization;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.Persistence;

/// <summary>
/// The index keys as a pure function of an order's state (prefix, UTC ticks at a fixed width, order id), which
/// rows count as index rows, and what the audit reports, word for word, over rows that are neither orders nor index rows.
/// </summary>
public sealed class PendingIndexKeysTests
{
    // 14:00 at +02:00 is 12:00 UTC: keys are in UTC ticks, whatever offset a time was written with.
    private static readonly DateTimeOffset Due = new(2026, 12, 2, 14, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static OrderRecord Order(OrderStatus status) => new()
    {
        OrderId = "o-1",
        Zone = "zone-a",
        Status = status,
        CreatedAt = Created,
        UpdatedAt = Updated,
        PayloadHash = "h",
        Payload = "{}",
    };

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.AwaitingDriver)]
    public void ScheduleKey_WaitingOrderWithADueTime_DueRowAtItsUtcTicks(OrderStatus status)
    {
        Assert.Equal($"due|{Ticks(Due)}|o-1", PendingIndex.ScheduleKey(Order(status) with { NextAttemptAt = Due, LeaseUntil = Updated }));
        // 2026-12-02T12:00Z in ticks, 19 digits.
        Assert.Equal("due|0639318096000000000|o-1", PendingIndex.ScheduleKey(Order(status) with { NextAttemptAt = Due }));
    }

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.AwaitingDriver)]
    [InlineData(OrderStatus.InProgress)]
    [InlineData(OrderStatus.Assigned)]
    [InlineData(OrderStatus.DeadLettered)]
    public void ScheduleKey_NothingScheduled_None(OrderStatus status) =>
        Assert.Null(PendingIndex.ScheduleKey(Order(status)));

    [Fact]
    public void ScheduleKey_ClaimedOrder_LeaseRowAtItsLeaseEnd() =>
        Assert.Equal($"lease|{Ticks(Due)}|o-1", PendingIndex.ScheduleKey(Order(OrderStatus.InProgress) with { LeaseUntil = Due, NextAttemptAt = Updated }));

    [Theory]
    [InlineData(OrderStatus.Assigned)]
    [InlineData(OrderStatus.DeadLettered)]
    public void ScheduleKey_ResolvedButNotDelivered_NoneWhateverTheirTimes(OrderStatus status) =>
        Assert.Null(PendingIndex.ScheduleKey(Order(status) with { NextAttemptAt = Due, LeaseUntil = Due }));

    [Fact]
    public void ScheduleKey_Delivered_DoneRowAtItsDeliveryTime() =>
        Assert.Equal($"done|{Ticks(Updated)}|o-1", PendingIndex.ScheduleKey(Order(OrderStatus.Delivered)));

    [Fact]
    public void AwaitKey_AwaitingDriver_AwaitRowSinceTheWaitBegan() =>
        Assert.Equal($"await|{Ticks(Due)}|o-1", PendingIndex.AwaitKey(Order(OrderStatus.AwaitingDriver) with { AwaitingSince = Due }));

    [Fact]
    public void AwaitKey_AwaitingWithoutAStart_AwaitRowSinceCreation() =>
        Assert.Equal($"await|{Ticks(Created)}|o-1", PendingIndex.AwaitKey(Order(OrderStatus.AwaitingDriver)));

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.InProgress)]
    [InlineData(OrderStatus.Delivered)]
    public void AwaitKey_NotAwaiting_None(OrderStatus status) =>
        Assert.Null(PendingIndex.AwaitKey(Order(status) with { AwaitingSince = Due }));

    [Fact]
    public void Before_PrefixAndTicks_SortsAfterEveryEarlierKeyAndBeforeTheSameTime()
    {
        var before = PendingIndex.Before(PendingIndex.DuePrefix, Due);

        Assert.Equal($"due|{Ticks(Due)}", before);
        Assert.True(string.CompareOrdinal(PendingIndex.ScheduleKey(Order(OrderStatus.NeedsAssignment) with { NextAttemptAt = Due.AddTicks(-1) }), before) < 0);
        Assert.True(string.CompareOrdinal(PendingIndex.ScheduleKey(Order(OrderStatus.NeedsAssignment) with { NextAttemptAt = Due }), before) > 0);
    }

    [Fact]
    public void ScheduleKey_EarlyTime_ZeroPaddedSoItSortsFirst() =>
        Assert.Equal("due|0000000000000000001|o-1", PendingIndex.ScheduleKey(Order(OrderStatus.NeedsAssignment) with { NextAttemptAt = new DateTimeOffset(1, TimeSpan.Zero) }));

    [Theory]
    [InlineData("due|1|o", true)]
    [InlineData("lease|1|o", true)]
    [InlineData("await|1|o", true)]
    [InlineData("done|1|o", true)]
    [InlineData("order:o-1", false)]
    [InlineData("driver:d-1", false)]
    [InlineData("xdue|1|o", false)]
    public void IsIndexRow_OnlyTheFourPrefixes(string rowKey, bool index) =>
        Assert.Equal(index, PendingIndexCheck.IsIndexRow(rowKey));

    [Fact]
    public void Disagreements_RowsThatAreNeitherOrdersNorIndexRows_Ignored()
    {
        var rows = new[]
        {
            new TableRow("zone-a", EntityKeys.DriverRow("d-1"), new Dictionary<string, object?> { ["Capacity"] = 2 }),
            new TableRow(EntityKeys.ZoneListPartition, "zone-a", new Dictionary<string, object?>()),
        };

        Assert.Empty(PendingIndexCheck.Disagreements(rows));
    }

    [Fact]
    public void Disagreements_EachKind_ReportedWordForWord()
    {
        var due = Order(OrderStatus.NeedsAssignment) with { NextAttemptAt = Due };
        var stale = due with { OrderId = "o-2", ScheduleIndexKey = "due|1|o-2", NextAttemptAt = null };
        var rows = new[]
        {
            due.ToRow(),
            stale.ToRow(),
            new TableRow("zone-a", "lease|5|ghost", new Dictionary<string, object?>()),
        };

        var problems = PendingIndexCheck.Disagreements(rows);

        Assert.Equal(
        [
            $"o-1: NeedsAssignment names index row '' but its state needs 'due|{Ticks(Due)}|o-1'",
            "o-2: NeedsAssignment names index row 'due|1|o-2' but its state needs ''",
            $"zone-a/due|{Ticks(Due)}|o-1: index row missing",
            "zone-a/lease|5|ghost: index row without its order",
        ], problems);
    }

    [Fact]
    public void Disagreements_OrderAndItsRowsAgree_None()
    {
        var waiting = Order(OrderStatus.AwaitingDriver) with { NextAttemptAt = Due };
        waiting = waiting with { ScheduleIndexKey = PendingIndex.ScheduleKey(waiting), AwaitIndexKey = PendingIndex.AwaitKey(waiting) };
        var rows = new[]
        {
            waiting.ToRow(),
            new TableRow("zone-a", waiting.ScheduleIndexKey!, new Dictionary<string, object?>()),
            new TableRow("zone-a", waiting.AwaitIndexKey!, new Dictionary<string, object?>()),
        };

        Assert.Empty(PendingIndexCheck.Disagreements(rows));
    }
}
