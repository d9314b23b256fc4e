using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.DeadLetters;

/// <summary>
/// A dead letter is kept with its body so it can be replayed byte for byte: a body larger than one table
/// property is split into 64 KiB chunks that each fit, and every field reads back as written.
/// </summary>
public sealed class DeadLetterRecordTests
{
    private static DeadLetterRecord Record(int bodyBytes) => new()
    {
        Id = "0000000000000000042-abc",
        MessageId = "o-1",
        OrderId = "o-1",
        Reason = "InvalidOrder",
        Description = "zone: required",
        DeliveryCount = 3,
        SequenceNumber = 42,
        EnqueuedTime = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero),
        DeadLetteredAt = new DateTimeOffset(2026, 3, 2, 10, 0, 5, TimeSpan.Zero),
        ContentType = "application/json",
        CorrelationId = "c-1",
        Source = "acme",
        Body = Enumerable.Range(0, bodyBytes).Select(i => (byte)(i * 7 % 251)).ToArray(),
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(TableLimits.MaxBinaryBytes)]
    [InlineData(TableLimits.MaxBinaryBytes + 1)]
    [InlineData(TableLimits.MaxBinaryBytes * 2 + TableLimits.MaxBinaryBytes / 2)]
    public void ToRowFromRow_BodyOfAnySize_ReadsBackByteForByteInChunksThatFit(int bodyBytes)
    {
        var record = Record(bodyBytes);

        var row = record.ToRow();
        var read = DeadLetterRecord.FromRow(row with { ETag = "W/\"1\"" });

        TableRules.CheckRow(row);
        var chunks = row.Properties.Where(p => p.Key.StartsWith("Body", StringComparison.Ordinal) && p.Value is byte[]).ToList();
        Assert.Equal((bodyBytes + TableLimits.MaxBinaryBytes - 1) / TableLimits.MaxBinaryBytes, chunks.Count);
        Assert.All(chunks, c => Assert.InRange(((byte[])c.Value!).Length, 1, TableLimits.MaxBinaryBytes));
        Assert.Equal(record.Body.ToArray(), read.Body.ToArray());
        Assert.Equal(record with { Body = read.Body, ETag = "W/\"1\"" }, read);
    }

    [Fact]
    public void FromRow_RowWrittenWithoutDescriptionOrTimes_EmptyDescriptionAndNoReplay()
    {
        var row = Record(3).ToRow();
        var properties = row.Properties.Where(p => p.Key is not ("Description" or "ReplayedAt" or "ReplayMessageId")).ToDictionary(p => p.Key, p => p.Value);

        var read = DeadLetterRecord.FromRow(row with { Properties = properties });

        Assert.Equal("", read.Description);
        Assert.Null(read.ReplayedAt);
        Assert.Null(read.ReplayMessageId);
        Assert.False(read.ReplaySent);
        Assert.Equal(Record(3).Body.ToArray(), read.Body.ToArray());
    }

    [Fact]
    public void ToSummary_CarriesWhatTheListShows()
    {
        var record = Record(1) with { ReplayedAt = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), BodyTruncated = true };

        Assert.Equal(new DeadLetterSummary("0000000000000000042-abc", "o-1", "InvalidOrder", "zone: required", 3,
            new DateTimeOffset(2026, 3, 2, 10, 0, 5, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), "acme", true), record.ToSummary());
    }
}
