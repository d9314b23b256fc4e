namespace AsyncFunctions.Http.Describing;

/// <summary>A header the contract sets on one response status (Location on 202, Retry-After on 503), as endpoint metadata.</summary>
public sealed record ContractResponseHeader(int StatusCode, string Name, string Description);
