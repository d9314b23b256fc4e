using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>A dead-lettered message kept durably with its original body until replayed or purged on purpose.</summary>
public sealed record DeadLetterRecord
{
    /// <summary>Table Storage holds at most 64 KiB per binary property; longer bodies span several.</summary>
    private const int ChunkBytes = TableLimits.MaxBinaryBytes;
    private const int MaxChunks = 14;

    public const int MaxBodyBytes = ChunkBytes * MaxChunks;

    public required string Id { get; init; }

    public required string MessageId { get; init; }

    public string? OrderId { get; init; }

    public required string Reason { get; init; }

    public required string Description { get; init; }

    public int DeliveryCount { get; init; }

    public long SequenceNumber { get; init; }

    public DateTimeOffset EnqueuedTime { get; init; }

    public DateTimeOffset DeadLetteredAt { get; init; }

    public string? ContentType { get; init; }

    public string? CorrelationId { get; init; }

    public string? Source { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>True when the body was larger than a table entity can hold and was cut.</summary>
    public bool BodyTruncated { get; init; }

    public DateTimeOffset? ReplayedAt { get; init; }

    public string? ReplayMessageId { get; init; }

    /// <summary>False between marking a replay and its send succeeding; a repeated replay finishes the send.</summary>
    public bool ReplaySent { get; init; }

    public string ETag { get; init; } = "";

    public DeadLetterSummary ToSummary() =>
        new(Id, OrderId, Reason, Description, DeliveryCount, DeadLetteredAt, ReplayedAt, Source, BodyTruncated);

    public TableRow ToRow()
    {
        var properties = new Dictionary<string, object?>
        {
            ["MessageId"] = MessageId,
            ["OrderId"] = OrderId,
            ["Reason"] = Reason,
            ["Description"] = Description,
            ["DeliveryCount"] = DeliveryCount,
            ["SequenceNumber"] = SequenceNumber,
            ["EnqueuedTime"] = EnqueuedTime,
            ["DeadLetteredAt"] = DeadLetteredAt,
            ["ContentType"] = ContentType,
            ["CorrelationId"] = CorrelationId,
            ["Source"] = Source,
            ["BodyLength"] = Body.Length,
            ["BodyTruncated"] = BodyTruncated,
            ["ReplayedAt"] = ReplayedAt,
            ["ReplayMessageId"] = ReplayMessageId,
            ["ReplaySent"] = ReplaySent,
        };
        for (var i = 0; i * ChunkBytes < Body.Length; i++)
            properties[$"Body{i}"] = Body.Slice(i * ChunkBytes, Math.Min(ChunkBytes, Body.Length - i * ChunkBytes)).ToArray();
        return new TableRow(EntityKeys.DeadLetterPartition, Id, properties, ETag);
    }

    public static DeadLetterRecord FromRow(TableRow row)
    {
        var body = new byte[row.GetInt("BodyLength")];
        for (var i = 0; i * ChunkBytes < body.Length; i++)
            row.Get<byte[]>($"Body{i}")?.CopyTo(body, i * ChunkBytes);
        return new DeadLetterRecord
        {
            Id = row.RowKey,
            MessageId = row.GetString("MessageId")!,
            OrderId = row.GetString("OrderId"),
            Reason = row.GetString("Reason")!,
            Description = row.GetString("Description") ?? "",
            DeliveryCount = row.GetInt("DeliveryCount"),
            SequenceNumber = row.Get<long>("SequenceNumber"),
            EnqueuedTime = row.GetTime("EnqueuedTime") ?? default,
            DeadLetteredAt = row.GetTime("DeadLetteredAt") ?? default,
            ContentType = row.GetString("ContentType"),
            CorrelationId = row.GetString("CorrelationId"),
            Source = row.GetString("Source"),
            Body = body,
            BodyTruncated = row.Get<bool>("BodyTruncated"),
            ReplayedAt = row.GetTime("ReplayedAt"),
            ReplayMessageId = row.GetString("ReplayMessageId"),
            ReplaySent = row.Get<bool>("ReplaySent"),
            ETag = row.ETag,
        };
    }
}
