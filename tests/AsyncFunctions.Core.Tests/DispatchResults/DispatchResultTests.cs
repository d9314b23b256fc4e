using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;

// Not "Tests.Results": that namespace would shadow Core.Results for the tests that write "Results.ResultKind".
namespace AsyncFunctions.Core.Tests.DispatchResults;

/// <summary>The kinds, titles and details of every result: the HTTP mapping turns them into the status and the problem+json a client reads.</summary>
public sealed class DispatchResultTests
{
    [Theory]
    [InlineData(ResultKind.Ok, true)]
    [InlineData(ResultKind.Created, true)]
    [InlineData(ResultKind.Accepted, true)]
    [InlineData(ResultKind.Malformed, false)]
    [InlineData(ResultKind.Invalid, false)]
    [InlineData(ResultKind.NotFound, false)]
    [InlineData(ResultKind.Conflict, false)]
    [InlineData(ResultKind.Contended, false)]
    public void Succeeded_EachKind_OnlyOkCreatedAndAcceptedSucceed(ResultKind kind, bool succeeded) =>
        Assert.Equal(succeeded, new DispatchResult<string>(kind, "value").Succeeded);

    [Fact]
    public void SuccessFactories_CarryTheValueAndTheirKind()
    {
        Assert.Equal(new DispatchResult<string>(ResultKind.Ok, "v"), DispatchResult<string>.Ok("v"));
        Assert.Equal(new DispatchResult<string>(ResultKind.Created, "v"), DispatchResult<string>.Created("v"));
        Assert.Equal(new DispatchResult<string>(ResultKind.Accepted, "v"), DispatchResult<string>.Accepted("v"));
    }

    [Fact]
    public void FailureFactories_TitlesAClientReads()
    {
        AssertFailure(DispatchResult<string>.NotFound("no such"), ResultKind.NotFound, "Not found", "no such");
        AssertFailure(DispatchResult<string>.Conflict("Taken", "by another"), ResultKind.Conflict, "Taken", "by another");
        AssertFailure(DispatchResult<string>.Contended("kept changing"), ResultKind.Contended, "Busy, try again", "kept changing");
        AssertFailure(DispatchResult<string>.Malformed("not JSON"), ResultKind.Malformed, "Malformed request body", "not JSON");
    }

    [Fact]
    public void Invalid_Errors_KeptWithAFixedTitleAndDetail()
    {
        var errors = new Dictionary<string, string[]> { ["zone"] = ["zone is required."] };

        var result = DispatchResult<string>.Invalid(errors);

        AssertFailure(result, ResultKind.Invalid, "Invalid request", "One or more fields are invalid; see errors.");
        Assert.Same(errors, result.Errors);
    }

    [Fact]
    public void FromParseFailure_Malformed_IsMalformedWithTheReason()
    {
        var result = DispatchResult<int?>.FromParseFailure(ParseResult<string>.Malformed("body is empty"));

        AssertFailure(result, ResultKind.Malformed, "Malformed request body", "body is empty");
        Assert.Null(result.Errors);
    }

    [Fact]
    public void FromParseFailure_InvalidFields_IsInvalidWithEveryError()
    {
        var errors = new ValidationErrors();
        errors.Add("zone", "zone is required.");
        errors.Add("items", "items must not be empty.");

        var result = DispatchResult<int?>.FromParseFailure(ParseResult<string>.Invalid(errors));

        AssertFailure(result, ResultKind.Invalid, "Invalid request", "One or more fields are invalid; see errors.");
        Assert.Equal(["zone is required."], result.Errors!["zone"]);
        Assert.Equal(["items must not be empty."], result.Errors["items"]);
    }

    private static void AssertFailure<T>(DispatchResult<T> result, ResultKind kind, string title, string detail)
    {
        Assert.Equal(kind, result.Kind);
        Assert.False(result.Succeeded);
        Assert.Equal(default, result.Value);
        Assert.Equal(title, result.Title);
        Assert.Equal(detail, result.Detail);
    }
}
