using System.Text.Json.Nodes;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Drivers;

public sealed class DriverParserTests
{
    private static IReadOnlyDictionary<string, string[]> Errors(string driverId, JsonNode body)
    {
        var result = DriverParser.Parse(driverId, body.Bytes());
        Assert.False(result.IsValid);
        Assert.Null(result.MalformedReason);
        return result.Errors.ToDictionary();
    }

    [Fact]
    public void Parse_ValidRegistration_ReturnsIt()
    {
        var result = DriverParser.Parse("driver-1", OrderBodies.Driver("zone-b", 3, 48.1, 2.2, available: false).Bytes());

        Assert.True(result.IsValid);
        Assert.Equal(new DriverRegistration("zone-b", 3, new GeoPoint(48.1, 2.2), false), result.Value);
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Parse_BadDriverId_ErrorOnDriverId(string driverId)
    {
        Assert.Equal(["driverId"], Errors(driverId, OrderBodies.Driver()).Keys);
    }

    [Theory]
    [InlineData("capacity", -1)]
    [InlineData("capacity", 51)]
    public void Parse_CapacityOutOfRange_ErrorOnCapacity(string field, int value)
    {
        var body = OrderBodies.Driver();
        body[field] = value;

        Assert.Equal([field], Errors("d-1", body).Keys);
    }

    [Fact]
    public void Parse_ZeroCapacity_IsValid() =>
        Assert.True(DriverParser.Parse("d-1", OrderBodies.Driver(capacity: 0).Bytes()).IsValid);

    [Fact]
    public void Parse_LocationOutOfRange_ErrorOnLocationLat()
    {
        var body = OrderBodies.Driver();
        body["location"]!["lat"] = 95;

        Assert.Equal(["location.lat"], Errors("d-1", body).Keys);
    }

    [Theory]
    [InlineData("zone")]
    [InlineData("capacity")]
    [InlineData("location")]
    [InlineData("available")]
    public void Parse_FieldMissing_IsRequired(string field)
    {
        var body = OrderBodies.Driver();
        body.Remove(field);

        var errors = Errors("d-1", body);

        Assert.Equal([field], errors.Keys);
        Assert.Equal(["is required."], errors[field]);
    }

    [Fact]
    public void Parse_AvailableNotABoolean_ErrorOnAvailable()
    {
        var body = OrderBodies.Driver();
        body["available"] = "yes";

        Assert.Equal(["must be true or false, not a string."], Errors("d-1", body)["available"]);
    }

    [Fact]
    public void Parse_UnknownField_IsNotAKnownField()
    {
        var body = OrderBodies.Driver();
        body["vehicle"] = "bike";

        Assert.Equal(["is not a known field."], Errors("d-1", body)["vehicle"]);
    }

    [Fact]
    public void Parse_UnknownFieldInLocation_IsNotAKnownField()
    {
        var body = OrderBodies.Driver();
        body["location"]!["alt"] = 30;

        Assert.Equal(["is not a known field."], Errors("d-1", body)["location.alt"]);
    }

    [Fact]
    public void Parse_BadDriverId_MessageSaysTheLengthAndCharacters() =>
        Assert.Equal([$"must be 1 to {OrderLimits.MaxIdLength} of {OrderParser.IdCharacters}."], Errors("bad id", OrderBodies.Driver())["driverId"]);

    [Fact]
    public void Parse_NotJson_IsMalformed()
    {
        var result = DriverParser.Parse("d-1", OrderBodies.Raw("zone=a"));

        Assert.NotNull(result.MalformedReason);
    }
}
