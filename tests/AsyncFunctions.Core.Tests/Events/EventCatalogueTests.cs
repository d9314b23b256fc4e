using System.Text.Json;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;
using Xunit.Abstractions;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>
/// Produces one real event of every type through the engine and prints each as it stands in the history (the
/// examples in docs/events.md are this test's output): dotnet test tests/AsyncFunctions.Core.Tests --filter EventCatalogueTests
/// --logger "console;verbosity=detailed".
/// </summary>
public sealed class EventCatalogueTests(ITestOutputHelper output) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Catalogue_EveryEventType_ProducedByTheEngineAndPrinted()
    {
        // OrderAccepted, AwaitingDriver, DriverAssigned, OrderDelivered: an HTTP order that waits, is assigned, is delivered.
        var first = await _h.SubmitAndReceiveAsync(OrderBodies.Order("order-1"));
        var (waiting, _) = await _h.ProcessAsync(first);
        await _h.AddDriverAsync("driver-7");
        _h.Clock.Advance(TimeSpan.FromSeconds(6));
        var retry = ((MessageOutcome.RetryLater)waiting).Next;
        await _h.ProcessAsync(new InboundMessage(retry.MessageId, retry.Body)
        {
            ApplicationProperties = retry.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value),
            SequenceNumber = 2,
        });
        await _h.Delivery.MarkDeliveredAsync("order-1", CancellationToken.None);

        // OrderDeadLettered, OrderReplayed: a partner order whose message was dead-lettered, then replayed by an operator.
        var partner = new InboundMessage("order-2", OrderBodies.Order("order-2").Bytes())
        {
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme" },
            SequenceNumber = 41,
        };
        await _h.Intake.AcceptAsync(Core.Orders.OrderParser.Parse(partner.Body, _h.Clock.GetUtcNow()).Value!, "acme", null, CancellationToken.None);
        var dead = partner with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "Message could not be consumed after 10 delivery attempts.", DeliveryCount = 10 };
        await _h.Recorder.RecordAsync(dead, CancellationToken.None);
        await _h.Replayer.ReplayAsync(DeadLetterIds.Of(dead), CancellationToken.None);

        // OrderRefused: a partner message with an invalid body.
        await _h.Recorder.RecordAsync(new InboundMessage("order-3", OrderBodies.Raw("""{"orderId":"order-3","zone":"zone-a","items":[]}"""))
        {
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme" },
            DeadLetterReason = DeadLetterReasons.InvalidOrder,
            DeadLetterErrorDescription = "The order is invalid: pickup: is required.; dropoff: is required.; items: 1 to 50 items are required.",
            SequenceNumber = 42,
        }, CancellationToken.None);

        var published = await OrderEventFlowTests.ReceiveAllAsync(_h.Get<InMemoryTopic>().Subscription(InMemoryDispatchExtensions.OperationsSubscription));
        Assert.Equal(OrderEventTypes.All.Order(StringComparer.Ordinal), published.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));
        foreach (var type in OrderEventTypes.All)
        {
            var example = published.First(e => e.Type == type);
            output.WriteLine($"--- {OrderEventTypes.ShortName(type)}");
            output.WriteLine(JsonSerializer.Serialize(new
            {
                specversion = example.SpecVersion,
                example.Id,
                example.Source,
                example.Type,
                example.Subject,
                example.Time,
                sequence = EventKeys.Number(example.Sequence),
                partner = example.Partner,
                data = JsonDocument.Parse(example.Data).RootElement,
            }, Json));
        }
    }
}
