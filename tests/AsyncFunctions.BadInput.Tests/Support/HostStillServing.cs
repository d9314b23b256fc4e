using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AsyncFunctions.BadInput.Tests.Generation;

namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>After a barrage of bad input: health answers 200, and a valid order is still taken and assigned.</summary>
public static class HostStillServing
{
    public static async Task AssertAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using (var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var driver = new StringContent("""{"zone":"still-serving","capacity":50,"location":{"lat":48.8566,"lon":2.3522},"available":true}""", Encoding.UTF8, "application/json");
        using (var put = await client.PutAsync(new Uri("/api/drivers/driver-still-serving", UriKind.Relative), driver))
            Assert.True(put.IsSuccessStatusCode, $"driver registration answered {(int)put.StatusCode}");

        var id = BadRequestCases.NewId().Replace("bad-", "good-", StringComparison.Ordinal);
        var body = new ByteArrayContent(ValidOrder.Bytes(ValidOrder.Tree(id, "still-serving")));
        body.Headers.ContentType = new("application/json");
        using (var post = await client.PostAsync(new Uri("/api/orders", UriKind.Relative), body))
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            using var get = await client.GetAsync(new Uri($"/api/orders/{id}", UriKind.Relative));
            var view = await get.Content.ReadFromJsonAsync<JsonElement>();
            status = view.GetProperty("status").GetString();
            if (status == "Assigned")
                return;
            await Task.Delay(50);
        }

        Assert.Fail($"a valid order after the bad input was not assigned (last status {status})");
    }
}
