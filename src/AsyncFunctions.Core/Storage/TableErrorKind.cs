namespace AsyncFunctions.Core.Storage;

/// <summary>The Table Storage failures the engine reacts to, by HTTP status.</summary>
public enum TableErrorKind
{
    /// <summary>400: the request can never succeed (bad key, oversized property, invalid batch).</summary>
    BadRequest = 400,

    /// <summary>404: the entity (or table) does not exist.</summary>
    NotFound = 404,

    /// <summary>409: insert of an entity that already exists.</summary>
    AlreadyExists = 409,

    /// <summary>412: the ETag in If-Match no longer matches.</summary>
    PreconditionFailed = 412,

    /// <summary>408/429/500/503 and timeouts: may succeed if tried again later.</summary>
    Transient = 503,
}
