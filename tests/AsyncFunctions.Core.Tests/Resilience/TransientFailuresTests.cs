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
        // Nothing inside: nothing says it may pass.
        { new AggregateException(), false },
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

    [Fact]
    public void IsCircuitOpen_OpenBreakerItselfOrWrapped_TrueOtherwiseFalse()
    {
        Assert.True(TransientFailures.IsCircuitOpen(new BrokenCircuitException()));
        Assert.True(TransientFailures.IsCircuitOpen(new TableStorageException(TableErrorKind.Transient, "circuit open", innerException: new BrokenCircuitException())));
        Assert.False(TransientFailures.IsCircuitOpen(new TableStorageException(TableErrorKind.Transient, "503")));
        Assert.False(TransientFailures.IsCircuitOpen(new TimeoutException("slow", new IOException())));
    }

    public static TheoryData<Exception, bool> BreakerFailures => new()
    {
        // The service did not answer: counts.
        { new TableStorageException(TableErrorKind.Transient, "503"), true },
        { new TimeoutException(), true },
        // The service answered (a conflict is an answer): does not count.
        { new TableStorageException(TableErrorKind.PreconditionFailed, "412"), false },
        // Refused by the open breaker itself, without a call: must not keep it open by counting.
        { new BrokenCircuitException(), false },
        { new TableStorageException(TableErrorKind.Transient, "circuit open", innerException: new BrokenCircuitException()), false },
    };

    [Theory]
    [MemberData(nameof(BreakerFailures))]
    public void CountsAgainstBreaker_Failure_OnlyCallsTheServiceFailedToAnswer(Exception failure, bool counts) =>
        Assert.Equal(counts, TransientFailures.CountsAgainstBreaker(failure));
}
