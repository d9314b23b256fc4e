using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.InMemory.Storage;

/// <summary>Evaluates a typed comparison the way Table Storage does: no match across types.</summary>
internal static class ConditionEvaluator
{
    public static bool Matches(TableRow row, PropertyCondition condition)
    {
        if (!row.Properties.TryGetValue(condition.Property, out var value) || value is null)
            return false;

        var order = Compare(value, condition.Value);
        if (order is null)
            return false;

        return condition.Operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.LessThan => order < 0,
            ComparisonOperator.LessThanOrEqual => order <= 0,
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterThanOrEqual => order >= 0,
            _ => false,
        };
    }

    private static int? Compare(object left, object right) => (left, right) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        (int or long, int or long) => Convert.ToInt64(left, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToInt64(right, System.Globalization.CultureInfo.InvariantCulture)),
        (double a, double b) => a.CompareTo(b),
        _ => null,
    };
}
