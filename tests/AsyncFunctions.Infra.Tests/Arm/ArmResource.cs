namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// One resource of a compiled template (one instance per copy-loop iteration), evaluated.
/// A module is a <c>Microsoft.Resources/deployments</c> whose <see cref="Template"/> is the
/// module's own template, evaluated with the parameter values the parent passes.
/// </summary>
public sealed record ArmResource(
    string Symbol,
    string Type,
    string ApiVersion,
    string Name,
    bool IsExisting,
    bool? Condition,
    string? Scope,
    IReadOnlyDictionary<string, object?> Body,
    ArmTemplate? Template,
    ArmResource? Deployment)
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>The evaluated <c>properties</c> object (empty when the resource has none).</summary>
    public IReadOnlyDictionary<string, object?> Properties =>
        Body.TryGetValue("properties", out var p) && p is IReadOnlyDictionary<string, object?> map
            ? map
            : new Dictionary<string, object?>();

    /// <summary>False when this resource or a module around it has a condition that is false for these parameters.</summary>
    public bool IsDeployed => Condition != false && (Deployment?.IsDeployed ?? true);

    /// <summary>Created (or updated) by the deployment, not an <c>existing</c> reference.</summary>
    public bool IsCreated => IsDeployed && !IsExisting;

    /// <summary>The module chain down to this resource ("api/functionApp::appSettings").</summary>
    public string Path => Deployment is null ? Symbol : $"{Deployment.Path}/{Symbol}";

    public object? this[string path] => ArmValue.At(Body, path);

    public override string ToString() => $"{Path} ({Type}@{ApiVersion} {Name})";
}
