namespace AsyncFunctions.Http.Describing;

/// <summary>
/// A header or query parameter a handler reads from the request itself (the handlers take HttpContext
/// so they can refuse bad input with the contract's own problem details), declared as endpoint
/// metadata so an OpenAPI document can still list it.
/// </summary>
public sealed record ContractParameter(string Name, ContractParameterLocation In, bool Required, string Description);
