using System.Net.Http.Headers;
using AsyncFunctions.BadInput.Tests.Generation;
using AsyncFunctions.BadInput.Tests.Support;
using Xunit.Abstractions;

namespace AsyncFunctions.BadInput.Tests;

/// <summary>
/// Hundreds of malformed requests against the local host: each must be refused with a clear 4xx
/// problem+json (with per-field errors where fields were wrong), leave nothing written, and leave the
/// host serving. The generated cases are seeded, so a failure reproduces.
/// </summary>
public sealed class OrderRequestBadInputTests(LocalHostFactory factory, ITestOutputHelper output) : IClassFixture<LocalHostFactory>
{
    public const int Seed = 20261122;

    [Fact]
    public async Task Send_EveryMalformedRequest_RefusedWithProblemAndNothingWritten()
    {
        using var client = factory.CreateClient();
        var probe = new StoreProbe(factory.Services);
        var cases = BadRequestCases.All(Seed);
        var before = await probe.EntityCountAsync();
        var faults = new List<string>();

        foreach (var bad in cases)
        {
            using var response = await client.SendAsync(ToMessage(bad));
            if (await ProblemCheck.FindFaultAsync(response, bad.ExpectedStatuses, bad.ExpectErrors) is { } fault)
                faults.Add($"{bad.Name}: {fault}");
            if (bad.OrderId is { } id && await probe.OrderExistsAsync(id))
                faults.Add($"{bad.Name}: order {id} was written although the request was refused");
        }

        var after = await probe.EntityCountAsync();
        output.WriteLine($"malformed requests tried: {cases.Count} (seed {Seed}); faults: {faults.Count}");
        foreach (var fault in faults.Take(50))
            output.WriteLine(fault);

        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        Assert.Empty(faults);
        Assert.Equal(before, after);
        await HostStillServing.AssertAsync(client);
    }

    internal static HttpRequestMessage ToMessage(BadRequest bad)
    {
        var message = new HttpRequestMessage(bad.Method, bad.Path);
        if (bad.Method != HttpMethod.Get)
        {
            HttpContent content = bad.Chunked ? new StreamContent(new MemoryStream(bad.Body)) : new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null)
                content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
            if (bad.Chunked)
                message.Headers.TransferEncodingChunked = true;
            message.Content = content;
        }

        foreach (var (name, value) in bad.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}
