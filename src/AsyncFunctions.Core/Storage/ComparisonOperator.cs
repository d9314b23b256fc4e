namespace AsyncFunctions.Core.Storage;

/// <summary>The OData comparison operators Table Storage filters support.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
