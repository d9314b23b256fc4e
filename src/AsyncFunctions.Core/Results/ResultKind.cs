namespace AsyncFunctions.Core.Results;

/// <summary>How a request ended; the HTTP mapping turns each into one status code.</summary>
public enum ResultKind
{
    /// <summary>200: done, or an identical duplicate of something done before.</summary>
    Ok,

    /// <summary>201: a new resource.</summary>
    Created,

    /// <summary>202: accepted for asynchronous processing.</summary>
    Accepted,

    /// <summary>400: the body is not JSON, or is empty.</summary>
    Malformed,

    /// <summary>400: JSON, but fields are invalid (see errors).</summary>
    Invalid,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409: conflicts with the current state (different payload, wrong status).</summary>
    Conflict,

    /// <summary>503 + Retry-After: the state kept changing under every attempt (ETag contention); the same request may pass later.</summary>
    Contended,
}
