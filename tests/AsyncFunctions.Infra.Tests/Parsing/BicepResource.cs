namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>A <c>resource</c> declaration: symbol, type (relative for nested children), API version and body text.</summary>
public sealed record BicepResource(string Symbol, string Type, string? ApiVersion, bool IsExisting, string Body);
