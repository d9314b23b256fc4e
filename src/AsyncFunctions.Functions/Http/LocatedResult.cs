using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Functions.Http;

/// <summary>Adds a Location header to another result (202 Accepted points at the status to poll).</summary>
internal sealed class LocatedResult(string location, IResult inner) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.Location = location;
        return inner.ExecuteAsync(httpContext);
    }
}
