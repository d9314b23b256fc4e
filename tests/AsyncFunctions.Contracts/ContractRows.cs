using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Contracts;

/// <summary>Builds rows for the contract suites.</summary>
public static class ContractRows
{
    public static TableRow Row(string partitionKey, string rowKey, params (string Name, object? Value)[] properties) =>
        new(partitionKey, rowKey, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    /// <summary>A row with one string property "Value", the usual marker for "which version is stored".</summary>
    public static TableRow Marked(string partitionKey, string rowKey, string value) =>
        Row(partitionKey, rowKey, ("Value", value));
}
