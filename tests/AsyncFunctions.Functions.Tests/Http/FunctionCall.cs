using System.Text;
using System.Text.Json;
using AsyncFunctions.Http.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>
/// Calls an HTTP function the way the Functions host's ASP.NET Core integration does: the class made by
/// ActivatorUtilities from a request scope (as the worker's DefaultFunctionActivator does), the method
/// given the HttpRequest and its route values, and the returned IResult executed against the HttpContext.
/// </summary>
internal static class FunctionCall
{
    public static async Task<FunctionResponse> InvokeAsync(IServiceProvider services, HttpFunction function, HttpFunctionScenario scenario, params string[] principalHeaders)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var request = BuildRequest(context, function, scenario, principalHeaders);
        context.Response.Body = new MemoryStream();

        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => ArgumentFor(p.ParameterType, p.Name!, request)).ToArray();
        var result = function.Method.Invoke(instance, arguments) switch
        {
            Task<IResult> pending => await pending,
            IResult done => done,
            var other => throw new InvalidOperationException($"{function.Name} returned {other?.GetType().Name ?? "null"}, not an IResult."),
        };
        await result.ExecuteAsync(context);

        return await ReadAsync(context.Response);
    }

    private static HttpRequest BuildRequest(DefaultHttpContext context, HttpFunction function, HttpFunctionScenario scenario, string[] principalHeaders)
    {
        var request = context.Request;
        request.Method = function.HttpMethod.ToUpperInvariant();
        var path = "/api/" + function.Route;
        foreach (var (name, value) in scenario.RouteValues ?? new Dictionary<string, string>())
        {
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            request.RouteValues[name] = value;
        }

        request.Path = path;
        request.QueryString = scenario.Query is null ? QueryString.Empty : new QueryString(scenario.Query);
        if (scenario.JsonBody is { } json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            request.ContentType = "application/json";
            request.ContentLength = bytes.Length;
            request.Body = new MemoryStream(bytes);
        }

        if (principalHeaders.Length > 0)
            request.Headers[ClientPrincipalHeader.Name] = principalHeaders;
        return request;
    }

    // The bindings the HTTP functions use: the request itself, and route parameters bound by name.
    private static object ArgumentFor(Type type, string name, HttpRequest request) =>
        type == typeof(HttpRequest) ? request
        : type == typeof(string) ? request.RouteValues[name] as string ?? throw new InvalidOperationException($"The scenario gives no route value '{name}'.")
        : type == typeof(CancellationToken) ? request.HttpContext.RequestAborted
        : throw new InvalidOperationException($"No binding for parameter '{name}' of type {type.Name}: teach FunctionCall how the host binds it.");

    private static async Task<FunctionResponse> ReadAsync(HttpResponse response)
    {
        response.Body.Position = 0;
        JsonElement? body = null;
        if (response.Body.Length > 0)
        {
            using var document = await JsonDocument.ParseAsync(response.Body);
            body = document.RootElement.Clone();
        }

        return new FunctionResponse(response.StatusCode, response.ContentType, response.Headers.WWWAuthenticate.ToString(), body);
    }
}
