using System.Reflection;
using AsyncFunctions.Functions.Http;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Routing;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>
/// Every [Function] method with an [HttpTrigger] in the Functions assembly, found by reflection as the
/// host's indexing does, each matched to its <see cref="RoutePermissions"/> row by method and route.
/// A function added later is in this list at once, so the tests that walk it cover it or fail.
/// </summary>
internal static class HttpFunctions
{
    public static IReadOnlyList<HttpFunction> All { get; } = Discover();

    public static HttpFunction Named(string name) => All.Single(f => f.Name == name);

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var function in All)
            names.Add(function.Name);
        return names;
    }

    private static HttpFunction[] Discover() =>
    [
        .. from type in typeof(OrderEndpoints).Assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
           where function is not null && trigger is not null
           let httpMethod = trigger.Methods!.Single()
           let route = trigger.Route!
           orderby function.Name
           select new HttpFunction(function.Name, method, httpMethod, route, RowOf(httpMethod, route)),
    ];

    // The host serves every route under the default "api" prefix (host.json sets no other).
    private static RoutePermission? RowOf(string httpMethod, string route) =>
        RoutePermissions.All.SingleOrDefault(row =>
            string.Equals(row.Method, httpMethod, StringComparison.OrdinalIgnoreCase)
            && string.Equals(row.Template, $"{DispatchRoutes.Prefix}/{route}", StringComparison.Ordinal));
}
