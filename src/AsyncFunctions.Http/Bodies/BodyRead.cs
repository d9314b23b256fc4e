using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Bodies;

/// <summary>A request body read within its limit, or the 413/415 refusal to send instead.</summary>
public sealed record BodyRead(ReadOnlyMemory<byte> Body, IResult? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
