namespace AsyncFunctions.Core.Storage;

/// <summary>A typed comparison on one property; a row whose property is missing or of another type does not match.</summary>
public sealed record PropertyCondition(string Property, ComparisonOperator Operator, object Value);
