using System.Text.Json;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Drivers;

/// <summary>Validates a driver id and registration body with the same per-field errors as orders.</summary>
public static class DriverParser
{
    public const int MaxCapacity = 50;

    public static ParseResult<DriverRegistration> Parse(string driverId, ReadOnlyMemory<byte> body)
    {
        if (!JsonBody.TryParse(body, out var document, out var malformed))
            return ParseResult<DriverRegistration>.Malformed(malformed);
        using (document)
        {
            var errors = new ValidationErrors();
            if (!IsValidId(driverId))
                errors.Add("driverId", $"must be 1 to {OrderLimits.MaxIdLength} of {OrderParser.IdCharacters}.");
            if (!JsonFieldReader.IsObject(document.RootElement, "", errors))
                return ParseResult<DriverRegistration>.Invalid(errors);

            var driver = Read(new JsonFieldReader(document.RootElement, "", errors));
            return errors.IsEmpty && driver.IsComplete
                ? ParseResult<DriverRegistration>.Valid(new DriverRegistration(driver.Zone, driver.Capacity.Value, driver.Location.Value, driver.Available.Value))
                : ParseResult<DriverRegistration>.Invalid(errors);
        }
    }

    private static DriverFields Read(JsonFieldReader reader)
    {
        var zone = reader.String("zone", required: true, OrderParser.ZonePattern(), OrderParser.ZoneCharacters);
        var capacity = reader.Integer("capacity", 0, MaxCapacity);
        GeoPoint? location = null;
        if (reader.Child("location", JsonValueKind.Object) is { } element)
        {
            var point = new JsonFieldReader(element, "location", reader.Errors);
            var lat = point.Number("lat", -90, 90);
            var lon = point.Number("lon", -180, 180);
            point.RejectUnknown();
            if (lat is { } la && lon is { } lo)
                location = new GeoPoint(la, lo);
        }

        var available = reader.Boolean("available");
        reader.RejectUnknown();
        return new DriverFields(zone, capacity, location, available);
    }

    public static bool IsValidId(string id) => OrderParser.IsValidId(id);
}
