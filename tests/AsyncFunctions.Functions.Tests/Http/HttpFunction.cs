using System.Reflection;
using AsyncFunctions.Http.Authorization;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>One HTTP-triggered function of the app as the host indexes it, and the row of the route table it answers to.</summary>
internal sealed record HttpFunction(string Name, MethodInfo Method, string HttpMethod, string Route, RoutePermission? Row)
{
    public override string ToString() => Name;
}
