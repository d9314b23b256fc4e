using AsyncFunctions.Core.Storage;
using AsyncFunctions.Azure.Tables;
using Azure;

namespace AsyncFunctions.Azure.Tests.Tables;

public sealed class TableErrorsTests
{
    [Theory]
    [InlineData(400, TableErrorKind.BadRequest)]
    [InlineData(404, TableErrorKind.NotFound)]
    [InlineData(409, TableErrorKind.AlreadyExists)]
    [InlineData(412, TableErrorKind.PreconditionFailed)]
    [InlineData(408, TableErrorKind.Transient)]
    [InlineData(429, TableErrorKind.Transient)]
    [InlineData(500, TableErrorKind.Transient)]
    [InlineData(503, TableErrorKind.Transient)]
    public void KindOf_ServiceStatus_MapsToCoreKind(int status, TableErrorKind expected)
    {
        Assert.Equal(expected, TableErrors.KindOf(status));
    }

    [Fact]
    public async Task GuardAsync_RequestFailed_ThrowsTableStorageExceptionKeepingTheCause()
    {
        var cause = new RequestFailedException(412, "The update condition specified in the request was not satisfied.");

        var error = await Assert.ThrowsAsync<TableStorageException>(() => TableErrors.GuardAsync<string>(() => throw cause, CancellationToken.None));

        Assert.Equal(TableErrorKind.PreconditionFailed, error.Kind);
        Assert.Same(cause, error.InnerException);
    }

    [Fact]
    public async Task GuardAsync_SdkTimeoutNotAskedFor_IsTransient()
    {
        var error = await Assert.ThrowsAsync<TableStorageException>(() =>
            TableErrors.GuardAsync<string>(() => throw new TaskCanceledException("network timeout"), CancellationToken.None));

        Assert.Equal(TableErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task GuardAsync_CallerCancelled_LetsTheCancellationThrough()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TableErrors.GuardAsync<string>(() => throw new OperationCanceledException(cancelled.Token), cancelled.Token));
    }
}
