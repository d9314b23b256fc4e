namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>
/// One request to a function: the one app role that opens it (null: anonymous), route values, query,
/// JSON body, state to set up first, the status its handler answers once the caller is let through, and
/// (where the handler writes) whether the write happened.
/// </summary>
internal sealed record HttpFunctionScenario(
    string Function,
    string? OnlyRole,
    int HandledStatus,
    IReadOnlyDictionary<string, string>? RouteValues = null,
    string? Query = null,
    string? JsonBody = null,
    Func<IServiceProvider, Task>? Arrange = null,
    Func<IServiceProvider, Task<bool>>? Written = null);
