using System.Text.Json;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Drivers;

/// <summary>Validates a driver id and registration body with the same per-field errors as orders.</summary>
public static class DriverParser
{
    public const int MaxCapacity = 50;

    public static ParseResult<DriverRegistration> Parse(string driverId, ReadOnlyMemory<byte> body)
    {
        using var document = JsonBody.TryParse(body, out var malformed);
        if (document is null)
            return ParseResult<DriverRegistration>.Malformed(malformed!);
        var errors = new ValidationErrors();
        if (!IsValidId(driverId))
            errors.Add("driverId", $"must be 1 to {OrderLimits.MaxIdLength} of {OrderParser.IdCharacters}.");
        if (!JsonFieldReader.IsObject(document.RootElement, "", errors))
            return ParseResult<DriverRegistration>.Invalid(errors);

        var reader = new JsonFieldReader(document.RootElement, "", errors);
        var zone = reader.String("zone", required: true, OrderParser.ZonePattern(), OrderParser.ZoneCharacters);
        var capacity = reader.Integer("capacity", 0, MaxCapacity);
        GeoPoint? location = null;
        if (reader.Child("location", JsonValueKind.Object) is { } element)
        {
            var point = new JsonFieldReader(element, "location", errors);
            var lat = point.Number("lat", -90, 90);
            var lon = point.Number("lon", -180, 180);
            point.RejectUnknown();
            if (lat is { } la && lon is { } lo)
                location = new GeoPoint(la, lo);
        }

        var available = reader.Boolean("available");
        reader.RejectUnknown();
        return errors.IsEmpty
            ? ParseResult<DriverRegistration>.Valid(new DriverRegistration(zone!, capacity!.Value, location!.Value, available!.Value))
            : ParseResult<DriverRegistration>.Invalid(errors);
    }

    public static bool IsValidId(string id) => OrderParser.IsValidId(id);
}
