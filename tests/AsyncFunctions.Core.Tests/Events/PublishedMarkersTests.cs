using AsyncFunctions.Core.Events;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>When the relay deletes the markers it published: a full batch at once, else after they waited long enough.</summary>
public sealed class PublishedMarkersTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private static IEnumerable<OrderEvent> Events(int count) => Enumerable.Range(1, count).Select(i => new OrderEvent
    {
        Stream = "o-1", Sequence = i, Type = OrderEventTypes.OrderAccepted, Subject = "o-1", Time = T0, Partner = "", Data = "{}",
    });

    [Fact]
    public void TakeDue_ExactlyABatch_IsDueAtOnce_OneLessWaits()
    {
        var full = new PublishedMarkers();
        full.Add("zone-a", Events(3), T0);
        var partial = new PublishedMarkers();
        partial.Add("zone-a", Events(2), T0);

        Assert.Equal(3, Assert.Single(full.TakeDue(T0, MaxAge, batch: 3, all: false)).Events.Count);
        Assert.Empty(partial.TakeDue(T0, MaxAge, batch: 3, all: false));
    }

    [Fact]
    public void TakeDue_OldestWaitedTheMaximum_IsDue()
    {
        var markers = new PublishedMarkers();
        markers.Add("zone-a", Events(1), T0);

        Assert.Empty(markers.TakeDue(T0 + MaxAge - TimeSpan.FromTicks(1), MaxAge, batch: 100, all: false));
        Assert.Single(markers.TakeDue(T0 + MaxAge, MaxAge, batch: 100, all: false));
    }

    [Fact]
    public void TakeDue_AfterAPartitionWasTaken_ItsAgeStartsAgainWithItsNextMarker()
    {
        var markers = new PublishedMarkers();
        markers.Add("zone-a", Events(1), T0);
        Assert.Single(markers.TakeDue(T0, MaxAge, batch: 100, all: true));

        markers.Add("zone-a", Events(1), T0 + TimeSpan.FromSeconds(10));

        Assert.Empty(markers.TakeDue(T0 + TimeSpan.FromSeconds(10.5), MaxAge, batch: 100, all: false));
    }

    [Fact]
    public void TakeDue_All_TakesEveryPartitionOnceAndLeavesNothing()
    {
        var markers = new PublishedMarkers();
        markers.Add("zone-a", Events(1), T0);
        markers.Add("zone-b", Events(2), T0);

        Assert.Equal(["zone-a", "zone-b"], markers.TakeDue(T0, MaxAge, batch: 100, all: true).Select(p => p.Partition).Order(StringComparer.Ordinal));
        Assert.Empty(markers.TakeDue(T0 + TimeSpan.FromHours(1), MaxAge, batch: 1, all: true));
    }

    [Fact]
    public void Read_MessageWithoutPartnerOrSubject_ReadsThemAsEmpty()
    {
        var message = CloudEventMessages.ToMessage(Events(1).Single());
        var properties = message.ApplicationProperties
            .Where(p => p.Key != CloudEventMessages.PartnerProperty && !p.Key.EndsWith("subject", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => (object?)p.Value);

        var read = CloudEventMessages.Read(properties, message.Body);

        Assert.Equal("", read.Partner);
        Assert.Equal("", read.Subject);
        Assert.Equal("o-1/000001", read.Id);
    }
}
