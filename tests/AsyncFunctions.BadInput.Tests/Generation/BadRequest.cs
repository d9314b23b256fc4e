namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>One malformed HTTP request and what the contract says must come back.</summary>
public sealed record BadRequest(string Name, byte[] Body, string? ContentType, int[] ExpectedStatuses, bool ExpectErrors)
{
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public string Path { get; init; } = "/api/orders";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>An id the body carries, which must not exist afterwards.</summary>
    public string? OrderId { get; init; }

    /// <summary>Chunked transfer: no Content-Length, so the server must stop reading at the limit itself.</summary>
    public bool Chunked { get; init; }

    public override string ToString() => Name;
}
