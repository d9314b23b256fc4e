using System.Globalization;
using AsyncFunctions.Core.Storage;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tables;

/// <summary>
/// Builds the OData $filter for a core <see cref="TableQuery"/>. Values go through
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes and escapes them;
/// property names cannot be parameters in OData, so only names <see cref="TableRules"/> accepts pass.
/// </summary>
internal static class TableQueryFilter
{
    public static string? Build(TableQuery query)
    {
        var clauses = new List<string>();
        if (query.PartitionKey is { } partitionKey)
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));
        if (query.RowKeyFrom is { } from)
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {from}"));
        if (query.RowKeyTo is { } to)
            clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {to}"));
        foreach (var condition in query.Conditions)
            clauses.Add($"{PropertyName(condition.Property)} {Operator(condition.Operator)} {Literal(condition.Value)}");
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static string PropertyName(string name) => TableRules.IsValidPropertyName(name)
        ? name
        : throw new TableStorageException(TableErrorKind.BadRequest, $"'{name}' is not a property name a filter can use.");

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.LessThan => "lt",
        ComparisonOperator.LessThanOrEqual => "le",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterThanOrEqual => "ge",
        _ => throw new TableStorageException(TableErrorKind.BadRequest, $"Unknown comparison {op}."),
    };

    /// <summary>The typed OData literal: 'text', 42, 42L, 1.5, true, datetime'2026-01-01T00:00:00.0000000Z'.</summary>
    private static string Literal(object value) => value switch
    {
        double d => DoubleLiteral(d),
        string or int or long or bool or DateTimeOffset => TableClient.CreateQueryFilter($"{value}"),
        _ => throw new TableStorageException(TableErrorKind.BadRequest, $"A filter cannot compare a value of type {value.GetType().Name}."),
    };

    /// <summary>CreateQueryFilter writes 52.0 as "52", an Int32 literal that would never match an Edm.Double property.</summary>
    private static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value))
            throw new TableStorageException(TableErrorKind.BadRequest, "A filter cannot compare with NaN or infinity.");
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.OrdinalIgnoreCase) ? text : text + ".0";
    }
}
