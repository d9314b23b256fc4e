using AsyncFunctions.Http.Routing;
using AsyncFunctions.Local.Dashboard;
using AsyncFunctions.Local.Events;
using AsyncFunctions.Local.Hosting;
using AsyncFunctions.Local.OpenApi;
using AsyncFunctions.Local.Security;

// One-off admin command: index orders stored before the pending index existed (docs/performance.md), then exit.
if (IndexMigrationCommand.Matches(args))
    return await IndexMigrationCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(LocalCommandLine.Normalize(args));

// Kestrel on http://127.0.0.1:7071 unless --urls (or ASPNETCORE_URLS) says otherwise.
builder.UseLoopbackByDefault();

// The core engine over the in-process store (Table semantics) and broker (Service Bus semantics).
builder.AddLocalDispatch();

// Spans and metrics of the flow; exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
builder.AddLocalTelemetry();

// Open to this machine by default, roles on request ("Authorization:RequireRoles"); never to another site.
builder.AddLocalSecurity();

// Order consumers, the dead-letter recorder, the stale-order sweeper and the demo drivers.
builder.AddLocalWorkers();

// The dashboard at /, the live event stream at /api/events/stream and the contract's OpenAPI document at /openapi/v1.json.
builder.AddDashboard();
builder.AddEventStream();
builder.AddContractOpenApi();

var app = builder.Build();

// Loopback Host names only (DNS rebinding) and no cross-site changes, before any endpoint or file.
app.UseLocalRequestGuards();

// The HTTP contract, exactly as the Functions app serves it.
app.MapDispatchApi();
app.MapContractOpenApi();
app.MapDashboard();
app.MapEventStream();

app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the black-box tests.</summary>
public partial class Program;
