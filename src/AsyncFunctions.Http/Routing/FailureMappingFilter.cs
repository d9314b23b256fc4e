using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Routing;

/// <summary>Applies <see cref="FailureMapping"/> to every endpoint of the API.</summary>
internal sealed class FailureMappingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to read an answer.
            return Microsoft.AspNetCore.Http.Results.Empty;
        }
        catch (Exception ex)
        {
            return FailureMapping.ToHttpResult(ex, context.HttpContext);
        }
    }
}
