using System.Text;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Orders;

/// <summary>The strict JSON gate every body passes: size limit and undecodable text are refusals (400), not 500s.</summary>
public sealed class JsonBodyTests
{
    private const string Unreadable = "The body contains a string that is not valid UTF-8 text (invalid bytes or a lone surrogate escape).";

    private static ParseResult<OrderRequest> Parse(byte[] body) => OrderParser.Parse(body, ManualClock.DefaultStart);

    [Fact]
    public void Parse_BodyOfExactlyTheLimit_IsNotRefusedForSize()
    {
        var order = OrderBodies.Order().ToJsonString();
        // Pad with whitespace after the object: still one valid order, exactly MaxBodyBytes long.
        var body = Encoding.UTF8.GetBytes(order + new string(' ', OrderLimits.MaxBodyBytes - Encoding.UTF8.GetByteCount(order)));
        Assert.Equal(OrderLimits.MaxBodyBytes, body.Length);

        var result = Parse(body);

        Assert.True(result.IsValid, result.MalformedReason);
    }

    [Fact]
    public void Parse_BodyOneByteOverTheLimit_IsMalformedWithTheLimit()
    {
        var order = OrderBodies.Order().ToJsonString();
        var body = Encoding.UTF8.GetBytes(order + new string(' ', OrderLimits.MaxBodyBytes + 1 - Encoding.UTF8.GetByteCount(order)));

        var result = Parse(body);

        Assert.Equal($"The body is {OrderLimits.MaxBodyBytes + 1} bytes; the limit is {OrderLimits.MaxBodyBytes}.", result.MalformedReason);
    }

    [Theory]
    [InlineData("""{"orderId": "\uD800"}""")]
    [InlineData("""{"items": [{"sku": "\uDC00"}]}""")]
    [InlineData("""{"pickup": {"lat": 1, "note": "\uD83D"}}""")]
    [InlineData("""["ok", "\uD800"]""")]
    public void Parse_LoneSurrogateAnywhere_IsMalformedAsUnreadableText(string json)
    {
        var result = Parse(OrderBodies.Raw(json));

        Assert.False(result.IsValid);
        Assert.Equal(Unreadable, result.MalformedReason);
    }

    [Fact]
    public void Parse_InvalidUtf8BytesInAString_IsMalformedAsUnreadableText()
    {
        byte[] body = [.. "{\"zone\": \""u8, 0xC3, 0x28, .. "\"}"u8];

        var result = Parse(body);

        Assert.Equal(Unreadable, result.MalformedReason);
    }

    [Fact]
    public void Parse_ReadableStringsInArraysAndObjects_AreNotRefusedAsUnreadable()
    {
        var result = Parse(OrderBodies.Raw("""["a", {"b": ["c", 1, true, null]}]"""));

        Assert.False(result.IsValid);
        Assert.Null(result.MalformedReason);
        Assert.Equal(["must be a JSON object, not an array."], result.Errors.ToDictionary()["$"]);
    }
}
