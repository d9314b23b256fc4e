namespace AsyncFunctions.Http.Handlers;

/// <summary>The body of GET /api/health.</summary>
public sealed record HealthStatus(string Status);
