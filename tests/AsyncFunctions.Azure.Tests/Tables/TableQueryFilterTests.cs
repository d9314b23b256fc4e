using AsyncFunctions.Core.Storage;
using AsyncFunctions.Azure.Tables;

namespace AsyncFunctions.Azure.Tests.Tables;

public sealed class TableQueryFilterTests
{
    [Fact]
    public void Build_PartitionPrefix_UsesPartitionEqualityAndRowKeyRange()
    {
        var filter = TableQueryFilter.Build(TableQuery.PartitionPrefix("zone-1", "o-"));

        Assert.Equal("PartitionKey eq 'zone-1' and RowKey ge 'o-' and RowKey lt 'o.'", filter);
    }

    [Fact]
    public void Build_TypedConditions_WritesODataLiteralsOfEachType()
    {
        var query = new TableQuery
        {
            Conditions =
            [
                new PropertyCondition("Name", ComparisonOperator.Equal, "O'Brien"),
                new PropertyCondition("Attempts", ComparisonOperator.GreaterThanOrEqual, 3),
                new PropertyCondition("Big", ComparisonOperator.LessThan, 5_000_000_000L),
                new PropertyCondition("Lat", ComparisonOperator.NotEqual, 52.0),
                new PropertyCondition("Available", ComparisonOperator.Equal, true),
                new PropertyCondition("Due", ComparisonOperator.LessThanOrEqual, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))),
            ],
        };

        var filter = TableQueryFilter.Build(query);

        Assert.Equal(
            "Name eq 'O''Brien' and Attempts ge 3 and Big lt 5000000000L and Lat ne 52.0 and Available eq true and Due le datetime'2026-01-02T01:04:05Z'",
            filter);
    }

    [Fact]
    public void Build_NoCriteria_ReturnsNoFilter()
    {
        Assert.Null(TableQueryFilter.Build(new TableQuery()));
    }

    [Theory]
    [InlineData("Status or true")]
    [InlineData("")]
    [InlineData("1abc")]
    public void Build_PropertyNameThatIsNotAnIdentifier_ThrowsBadRequest(string property)
    {
        var query = new TableQuery { Conditions = [new PropertyCondition(property, ComparisonOperator.Equal, "x")] };

        var error = Assert.Throws<TableStorageException>(() => TableQueryFilter.Build(query));

        Assert.Equal(TableErrorKind.BadRequest, error.Kind);
    }
}
