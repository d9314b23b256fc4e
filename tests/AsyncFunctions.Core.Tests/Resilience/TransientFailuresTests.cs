using System.Net.Sockets;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Tests.Resilience;

public sealed class TransientFailuresTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new TableStorageException(TableErrorKind.Transient, "503"), true },
        { new TableStorageException(TableErrorKind.PreconditionFailed, "412"), false },
        { new TableStorageException(TableErrorKind.BadRequest, "400"), false },
        { new TimeoutException(), true },
        { new HttpRequestException("reset"), true },
        { new IOException("broken pipe"), true },
        { new SocketException(), true },
        { new BrokenCircuitException(), true },
        { new OperationCanceledException(), true },
        { new InvalidOperationException("a bug"), false },
        { new AggregateException(new TimeoutException(), new IOException()), true },
        { new AggregateException(new TimeoutException(), new InvalidOperationException()), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsTransient_Failure_ClassifiedOnce(Exception failure, bool transient) =>
        Assert.Equal(transient, TransientFailures.IsTransient(failure));

    [Fact]
    public void IsTransient_CancelledByTheCaller_IsNotTransient()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(TransientFailures.IsTransient(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }
}
