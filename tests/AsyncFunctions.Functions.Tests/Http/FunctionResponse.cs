using System.Text.Json;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>What a function's result wrote on the response: status, content type, challenge and JSON body (if any).</summary>
internal sealed record FunctionResponse(int Status, string? ContentType, string Challenge, JsonElement? Body);
