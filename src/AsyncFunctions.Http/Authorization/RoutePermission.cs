namespace AsyncFunctions.Http.Authorization;

/// <summary>One row of the route table: a method and route template, and the permission it needs (null: anonymous).</summary>
public sealed record RoutePermission(string Method, string Template, Permission? Required)
{
    public bool IsAnonymous => Required is null;

    public override string ToString() => $"{Method} {Template} → {Required?.ToString() ?? "anonymous"}";
}
