using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using AsyncFunctions.BadInput.Tests.Generation;
using AsyncFunctions.BadInput.Tests.Support;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AsyncFunctions.BadInput.Tests;

/// <summary>
/// Malformed messages put straight on the queue, as a partner would: each must be dead-lettered with a
/// reason and a description that GET /api/deadletters shows, write no order, and leave the host serving.
/// </summary>
public sealed class BusMessageBadInputTests(LocalHostFactory factory, ITestOutputHelper output) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public async Task Send_EveryMalformedMessage_DeadLetteredWithReasonAndNothingWritten()
    {
        using var client = factory.CreateClient();
        var queue = factory.Services.GetRequiredService<InMemoryQueue>();
        var probe = new StoreProbe(factory.Services);
        var cases = BadMessageCases.All(OrderRequestBadInputTests.Seed);
        Assert.True(cases.Count <= DeadLetterReplayer.MaxListed, "every record must fit in one listing");
        var before = await probe.EntityCountAsync();

        foreach (var bad in cases)
        {
            await queue.SendAsync(new OutboundMessage(bad.MessageId, bad.Body)
            {
                ContentType = bad.ContentType!,
                // The queue is session-enabled, as in Azure: Service Bus would refuse a send without one before any
                // body reached the app, so the bad bodies travel in a session of their own.
                SessionId = "partner-bad-input",
                ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "partner-bad-input" },
            });
        }

        var records = await WaitForRecordsAsync(client, cases, TimeSpan.FromSeconds(60));
        var faults = new List<string>();
        foreach (var bad in cases)
        {
            if (!records.TryGetValue(Suffix(bad.MessageId), out var record))
            {
                faults.Add($"{bad.Name}: no dead-letter record");
                continue;
            }

            if (!bad.Reasons.Contains(record.Reason))
                faults.Add($"{bad.Name}: reason {record.Reason}, expected {string.Join(" or ", bad.Reasons)}");
            if (string.IsNullOrWhiteSpace(record.Description))
                faults.Add($"{bad.Name}: dead-lettered without a description");
            if (bad.OrderId is { } id && await probe.OrderExistsAsync(id))
                faults.Add($"{bad.Name}: order {id} was written although the message was refused");
        }

        output.WriteLine($"malformed bus messages tried: {cases.Count} (seed {OrderRequestBadInputTests.Seed}); dead-letter records: {records.Count}; faults: {faults.Count}");
        foreach (var fault in faults.Take(50))
            output.WriteLine(fault);
        foreach (var sample in records.Values.Take(3))
            output.WriteLine($"  e.g. {sample.Reason}: {sample.Description}");

        Assert.Empty(faults);
        Assert.Equal(before, await probe.EntityCountAsync());
        await HostStillServing.AssertAsync(client);
    }

    /// <summary>Record ids end with a short hash of the MessageId (DeadLetterIds): that is how a record is matched to its message.</summary>
    private static string Suffix(string messageId) => "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 4));

    private static async Task<Dictionary<string, DeadLetterSummary>> WaitForRecordsAsync(HttpClient client, List<BadMessage> cases, TimeSpan timeout)
    {
        var wanted = cases.Select(c => Suffix(c.MessageId)).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, DeadLetterSummary>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.GetFromJsonAsync<List<DeadLetterSummary>>(new Uri($"/api/deadletters?take={DeadLetterReplayer.MaxListed}", UriKind.Relative), Http.Json.DispatchJson.Options);
            found = list!.Where(r => wanted.Contains(r.Id[r.Id.LastIndexOf('-')..])).ToDictionary(r => r.Id[r.Id.LastIndexOf('-')..], StringComparer.Ordinal);
            if (found.Count == wanted.Count)
                break;
            await Task.Delay(100);
        }

        return found;
    }
}
