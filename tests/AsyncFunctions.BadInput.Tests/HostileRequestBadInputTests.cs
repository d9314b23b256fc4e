using AsyncFunctions.BadInput.Tests.Generation;
using AsyncFunctions.BadInput.Tests.Support;
using Xunit.Abstractions;

namespace AsyncFunctions.BadInput.Tests;

/// <summary>
/// What a web page or an unauthorised caller could send: foreign Host headers (400), cross-site changes
/// with and without a body (403), and with roles required, missing or malformed principals (401) and
/// principals without the route's role (403). Each is a problem+json refusal that writes nothing.
/// </summary>
public sealed class HostileRequestBadInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Send_ForeignHostAndCrossSiteRequests_RefusedWithProblemAndNothingWritten()
    {
        await using var factory = new LocalHostFactory();
        await SendAllAsync(factory.CreateClient(), factory.Services, [.. HostileRequestCases.ForeignHost(), .. HostileRequestCases.CrossSite()]);
    }

    [Fact]
    public async Task Send_BadPrincipals_RefusedWithProblemAndNothingWritten()
    {
        await using var factory = new RolesRequiredHostFactory();
        await SendAllAsync(factory.CreateClient(), factory.Services, [.. HostileRequestCases.Principals()]);
    }

    private async Task SendAllAsync(HttpClient client, IServiceProvider services, List<BadRequest> cases)
    {
        var probe = new StoreProbe(services);
        var before = await probe.EntityCountAsync();
        var faults = new List<string>();
        foreach (var bad in cases)
        {
            using var response = await client.SendAsync(OrderRequestBadInputTests.ToMessage(bad));
            if (await ProblemCheck.FindFaultAsync(response, bad.ExpectedStatuses, bad.ExpectErrors) is { } fault)
                faults.Add($"{bad.Name}: {fault}");
            if (bad.OrderId is { } id && await probe.OrderExistsAsync(id))
                faults.Add($"{bad.Name}: order {id} was written although the request was refused");
        }

        output.WriteLine($"hostile requests tried: {cases.Count}; faults: {faults.Count}");
        foreach (var fault in faults.Take(50))
            output.WriteLine(fault);
        Assert.Empty(faults);
        Assert.Equal(before, await probe.EntityCountAsync());
        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.True(health.IsSuccessStatusCode);
    }
}
