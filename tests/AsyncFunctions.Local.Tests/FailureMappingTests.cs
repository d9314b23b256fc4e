using System.Net;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AsyncFunctions.Local.Tests;

/// <summary>Failures: transient storage and endless ETag contention (retries exhausted) are 503 with Retry-After, anything unexpected a 500 that reveals nothing.</summary>
public sealed class FailureMappingTests
{
    [Fact]
    public async Task Get_StorageTransientlyDown_Returns503WithRetryAfter()
    {
        await using var factory = WithFailingStore(new TableStorageException(TableErrorKind.Transient, "Server busy (503)."));

        using var response = await factory.CreateClient().GetAsync($"/api/orders/{TestIds.Order()}");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Submit_StorageDown_Returns503WithRetryAfter()
    {
        await using var factory = WithFailingStore(new TableStorageException(TableErrorKind.Transient, "Server busy (503)."));

        using var response = await factory.CreateClient().PostOrderAsync(Bodies.Order(TestIds.Order(), TestIds.Zone()));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(TableErrorKind.PreconditionFailed)]
    [InlineData(TableErrorKind.AlreadyExists)]
    public async Task PutDriver_ConflictRetriesExhausted_Returns503NotA500(TableErrorKind conflict)
    {
        // Every write of the driver loses its race: the roster's re-read loop runs out.
        var store = new Mock<ITableStore>();
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((TableRow?)null);
        store.Setup(s => s.AddAsync(It.IsAny<string>(), It.IsAny<TableRow>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TableStorageException(conflict, "Lost the race."));
        store.Setup(s => s.SubmitTransactionAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<TableAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TableStorageException(conflict, "Lost the race.", 0));
        await using var factory = new LocalHostFactory()
            .With("Local:SweepInterval", "01:00:00")
            .WithServices(services => services.AddSingleton(store.Object));

        using var response = await factory.CreateClient().PutDriverAsync("d-contended", Bodies.Driver(TestIds.Zone()));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Submit_UnexpectedFailure_Returns500WithoutInternals()
    {
        await using var factory = WithFailingStore(new InvalidOperationException("secret-connection-string=AccountKey=abc"));

        using var response = await factory.CreateClient().PostOrderAsync(Bodies.Order(TestIds.Order(), TestIds.Zone()));

        await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task PutDriver_DriverKeepsChangingUnderEveryRetry_Returns503WithRetryAfter()
    {
        await using var factory = new LocalHostFactory()
            .With("Local:SweepInterval", "01:00:00")
            .WithServices(services => services.AddSingleton<ITableStore>(sp => new ContendedUpdatesStore(sp.GetRequiredService<InMemoryTableStore>())));
        var client = factory.CreateClient();
        var driverId = TestIds.Driver();
        var zone = TestIds.Zone();
        using var created = await client.PutDriverAsync(driverId, Bodies.Driver(zone));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // Updating it needs an ETag-guarded write, and every one loses the race.
        using var response = await client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 5));

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("kept changing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private static Testing.Hosting.LocalHostFactory WithFailingStore(Exception failure)
    {
        var store = new Mock<ITableStore>();
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        store.Setup(s => s.AddAsync(It.IsAny<string>(), It.IsAny<TableRow>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        return new LocalHostFactory()
            .With("Local:SweepInterval", "01:00:00")
            .WithServices(services => services.AddSingleton(store.Object));
    }
}
