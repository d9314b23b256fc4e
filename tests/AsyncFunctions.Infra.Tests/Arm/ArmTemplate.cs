using System.Text.Json;

namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// A compiled ARM template (what <c>bicep build</c> writes), evaluated for one set of parameter
/// values. Reads both resource layouts: an array (languageVersion 1) or an object keyed by the
/// Bicep symbolic name (languageVersion 2.0, which user-defined types switch on).
/// </summary>
public sealed class ArmTemplate
{
    private readonly Lazy<IReadOnlyList<ArmResource>> _resources;

    public ArmTemplate(JsonElement root, IReadOnlyDictionary<string, object?> parameters, ArmResource? deployment = null)
    {
        Root = root;
        Scope = new ArmScope(root, parameters);
        Deployment = deployment;
        _resources = new Lazy<IReadOnlyList<ArmResource>>(ReadResources);
    }

    public JsonElement Root { get; }

    public ArmScope Scope { get; }

    /// <summary>The module deployment this template belongs to; null for the main template.</summary>
    public ArmResource? Deployment { get; }

    /// <summary>This template's own resources, copy loops expanded.</summary>
    public IReadOnlyList<ArmResource> Resources => _resources.Value;

    /// <summary>Every resource here and inside every module, depth first.</summary>
    public IEnumerable<ArmResource> AllResources() =>
        Resources.SelectMany(r => r.Template is null ? [r] : new[] { r }.Concat(r.Template.AllResources()));

    /// <summary>Every resource of this type the deployment creates, in any module.</summary>
    public IReadOnlyList<ArmResource> Created(string type) =>
        [.. AllResources().Where(r => r.IsCreated && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))];

    public IReadOnlyDictionary<string, JsonElement> ParameterDeclarations => Section("parameters");

    /// <summary>The template's outputs, evaluated (module outputs read from Azure stay <see cref="Unresolved"/>).</summary>
    public IReadOnlyDictionary<string, object?> Outputs =>
        Section("outputs").ToDictionary(o => o.Key, o => Scope.Evaluate(o.Value.GetProperty("value")), StringComparer.Ordinal);

    /// <summary>The module (deployment) with this name; fails when there is not exactly one.</summary>
    public ArmResource Module(string name) => Resources.Single(r => r.Type == ArmResource.DeploymentType && r.Name == name);

    private Dictionary<string, JsonElement> Section(string name) =>
        Root.TryGetProperty(name, out var section)
            ? section.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];

    private List<ArmResource> ReadResources()
    {
        var declared = Root.GetProperty("resources") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().Select(p => (Symbol: p.Name, Json: p.Value))
            : Root.GetProperty("resources").EnumerateArray().Select((r, i) => (Symbol: $"[{i}]", Json: r));
        return [.. declared.SelectMany(d => Instances(d.Symbol, d.Json))];
    }

    private IEnumerable<ArmResource> Instances(string symbol, JsonElement json)
    {
        if (!json.TryGetProperty("copy", out var copy))
        {
            yield return Read(symbol, json, Scope);
            yield break;
        }

        var count = Scope.Evaluate(copy.GetProperty("count")) as long?
            ?? throw new InvalidOperationException($"The copy count of {symbol} depends on deployment-time values; supply the parameters it reads.");
        for (var i = 0L; i < count; i++)
        {
            yield return Read($"{symbol}[{i}]", json, Scope.InLoop(i));
        }
    }

    private ArmResource Read(string symbol, JsonElement json, ArmScope scope)
    {
        var body = json.EnumerateObject()
            .Where(p => p.Name is not ("copy" or "dependsOn"))
            .ToDictionary(p => p.Name, p => p.Name == "properties" ? Properties(p.Value, scope) : scope.Evaluate(p.Value), StringComparer.Ordinal);
        var resource = new ArmResource(
            symbol,
            (string)body["type"]!,
            body.TryGetValue("apiVersion", out var apiVersion) ? (string)apiVersion! : string.Empty,
            ArmValue.Text(body["name"]),
            body.TryGetValue("existing", out var existing) && existing is true,
            body.TryGetValue("condition", out var condition) ? condition as bool? : true,
            body.TryGetValue("scope", out var resourceScope) ? ArmValue.Text(resourceScope) : null,
            body,
            Template: null,
            Deployment);
        if (resource.Type != ArmResource.DeploymentType)
        {
            return resource;
        }

        // A module: its template sees only the parameter values passed to it (inner scope).
        var properties = json.GetProperty("properties");
        var passed = properties.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateObject().ToDictionary(p => p.Name, p => scope.Evaluate(p.Value.GetProperty("value")), StringComparer.OrdinalIgnoreCase)
            : [];
        return resource with { Template = new ArmTemplate(properties.GetProperty("template"), passed, resource) };
    }

    /// <summary>Evaluates a resource's properties, leaving a nested module's template for its own scope.</summary>
    private static Dictionary<string, object?> Properties(JsonElement properties, ArmScope scope) =>
        properties.EnumerateObject()
            .Where(p => p.Name != "template")
            .ToDictionary(p => p.Name, p => scope.Evaluate(p.Value), StringComparer.Ordinal);
}
