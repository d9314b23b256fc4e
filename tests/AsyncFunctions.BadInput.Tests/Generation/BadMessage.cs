namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>One malformed partner message and the dead-letter reasons that would be a correct answer to it.</summary>
public sealed record BadMessage(string Name, string MessageId, byte[] Body, string? ContentType, string[] Reasons)
{
    public string? OrderId { get; init; }

    public override string ToString() => Name;
}
