using System.Globalization;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>
/// The drivers of a local-host test, registered over the HTTP API: five per zone ("d-{zone}-{n}"), all
/// available, a little apart (zone i near 52+i N, 4 E) so the nearest-driver rule has a choice to make.
/// </summary>
internal static class DriverFleet
{
    public const int PerZone = 5;

    public static async Task RegisterAsync(HttpClient client, IReadOnlyList<string> zones, int capacity)
    {
        for (var z = 0; z < zones.Count; z++)
        {
            for (var d = 0; d < PerZone; d++)
            {
                var body = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"zone":"{{zones[z]}}","capacity":{{capacity}},"location":{"lat":{{52.0 + z + d * 0.01}},"lon":{{4.0 + d * 0.01}}},"available":true}""");
                using var response = await client.PutAsync($"api/drivers/d-{zones[z]}-{d}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"driver registration answered {(int)response.StatusCode}");
            }
        }
    }
}
