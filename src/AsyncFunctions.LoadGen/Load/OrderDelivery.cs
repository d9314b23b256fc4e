using System.Net;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>--deliver: marks an order delivered once the run knows it is Assigned, which frees its driver.</summary>
internal sealed class OrderDelivery(HttpClient http, OrderLedger ledger)
{
    public async Task DeliverAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"api/orders/{orderId}/delivered", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
            ledger.Delivered();
    }
}
