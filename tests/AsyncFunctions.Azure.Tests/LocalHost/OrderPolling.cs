using System.Net.Http.Json;
using System.Text.Json;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>An order's status as GET /api/orders/{id} answered it.</summary>
internal sealed record OrderState(string Status, string? DriverId, string? LastError);

/// <summary>How the tests that run the local host as a child process wait for their orders: by polling, as a client would.</summary>
internal static class OrderPolling
{
    /// <summary>Polls until every order is Assigned or the timeout passes; returns the last status of each.</summary>
    public static async Task<Dictionary<string, OrderState>> WaitUntilAssignedAsync(HttpClient client, IEnumerable<string> orderIds, TimeSpan timeout)
    {
        var final = new Dictionary<string, OrderState>(StringComparer.Ordinal);
        var pending = orderIds.ToHashSet(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            foreach (var orderId in pending.ToList())
            {
                var body = await client.GetFromJsonAsync<JsonElement>($"api/orders/{orderId}");
                var state = new OrderState(
                    body.GetProperty("status").GetString()!,
                    body.TryGetProperty("driverId", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                    body.TryGetProperty("lastError", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
                final[orderId] = state;
                if (state.Status == "Assigned")
                    pending.Remove(orderId);
            }

            if (pending.Count == 0 || clock.Elapsed > timeout)
                return final;
            await Task.Delay(250);
        }
    }
}
