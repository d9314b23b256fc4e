using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Tests.Drivers;

public sealed class GreatCircleTests
{
    private static readonly GeoPoint Paris = new(48.8566, 2.3522);
    private static readonly GeoPoint London = new(51.5074, -0.1278);

    [Fact]
    public void DistanceKm_ParisToLondon_About344Km() =>
        Assert.InRange(GreatCircle.DistanceKm(Paris, London), 342, 346);

    [Fact]
    public void DistanceKm_IsSymmetricAndZeroToItself()
    {
        Assert.Equal(GreatCircle.DistanceKm(Paris, London), GreatCircle.DistanceKm(London, Paris), 9);
        Assert.Equal(0, GreatCircle.DistanceKm(Paris, Paris));
    }

    [Fact]
    public void DistanceKm_AcrossTheAntimeridian_TakesTheShortWay() =>
        Assert.InRange(GreatCircle.DistanceKm(new GeoPoint(0, 179.5), new GeoPoint(0, -179.5)), 110, 113);

    [Fact]
    public void DistanceKm_Antipodes_HalfTheCircumference() =>
        Assert.InRange(GreatCircle.DistanceKm(new GeoPoint(90, 0), new GeoPoint(-90, 0)), 20_010, 20_020);
}
