using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Storage;

namespace AsyncFunctions.Core.Tests.Diagnostics;

public sealed class TracingTableStoreTests : IDisposable
{
    private readonly SpanRecorder _spans = new();

    public void Dispose() => _spans.Dispose();

    [Fact]
    public async Task AddAsync_AlreadyExists_IsAnAnswerNotAnError()
    {
        var store = new TracingTableStore(new InMemoryTableStore());
        var row = new TableRow("p", "r", new Dictionary<string, object?>());
        using var root = SpanRecorder.StartRoot();
        await store.AddAsync("T", row);

        await Assert.ThrowsAsync<TableStorageException>(() => store.AddAsync("T", row));

        var adds = _spans.InTrace(root.TraceId).Where(a => a.DisplayName == "add T").ToList();
        Assert.Equal(2, adds.Count);
        Assert.All(adds, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
        Assert.Equal(nameof(TableErrorKind.AlreadyExists), adds[1].GetTagItem("error.type"));
        Assert.Equal("azure.tables", adds[0].GetTagItem(DispatchTags.DbSystem));
    }

    [Fact]
    public async Task GetAsync_Transient_MarksTheSpanFailed()
    {
        var faulty = new FaultyTableStore(new InMemoryTableStore());
        var store = new TracingTableStore(faulty);
        faulty.FailOnce("get");
        using var root = SpanRecorder.StartRoot();

        await Assert.ThrowsAsync<TableStorageException>(() => store.GetAsync("T", "p", "r"));

        Assert.Equal(ActivityStatusCode.Error, Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "get T").Status);
    }

    [Fact]
    public async Task QueryAsync_Rows_OneSpanForTheWholeEnumeration()
    {
        var store = new TracingTableStore(new InMemoryTableStore());
        await store.AddAsync("T", new TableRow("p", "a", new Dictionary<string, object?>()));
        await store.AddAsync("T", new TableRow("p", "b", new Dictionary<string, object?>()));
        using var root = SpanRecorder.StartRoot();

        var rows = await store.QueryAsync("T", new TableQuery { PartitionKey = "p" }).ToListAsync();

        Assert.Equal(2, rows.Count);
        Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "query T");
    }
}
