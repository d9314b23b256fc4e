using AsyncFunctions.Http.Routing;
using AsyncFunctions.Local.Hosting;

var builder = WebApplication.CreateBuilder(LocalCommandLine.Normalize(args));

// Kestrel on http://127.0.0.1:7071 unless --urls (or ASPNETCORE_URLS) says otherwise.
builder.UseLoopbackByDefault();

// The core engine over the in-process store (Table semantics) and broker (Service Bus semantics).
builder.AddLocalDispatch();

// Order consumers, the dead-letter recorder, the stale-order sweeper and the demo drivers.
builder.AddLocalWorkers();

var app = builder.Build();

// The HTTP contract, exactly as the Functions app serves it.
app.MapDispatchApi();

app.Run();

/// <summary>Visible to WebApplicationFactory in the black-box tests.</summary>
public partial class Program;
