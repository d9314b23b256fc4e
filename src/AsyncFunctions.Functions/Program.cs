using AsyncFunctions.Azure.Configuration;
using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Functions.Configuration;
using AsyncFunctions.Http.Authorization;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// HTTP triggers run on the ASP.NET Core integration: HttpRequest in, IResult out.
builder.ConfigureFunctionsWebApplication();

// OpenTelemetry: the worker's and our spans, metrics and logs, to Azure Monitor with the managed identity
// when APPLICATIONINSIGHTS_CONNECTION_STRING is set (host.json puts the host on OpenTelemetry too).
builder.AddWorkerTelemetry();

// Table Storage and Service Bus clients: identity in Azure, connection strings for Azurite and the emulator.
builder.AddAzureAdapters();

// Who may call what: the app roles in the caller's Entra token, as App Service authentication passes
// them (X-MS-CLIENT-PRINCIPAL). The header is believed only where the platform says EasyAuth is on.
builder.Services.AddAppRoleAuthorization(easyAuthEnabled: AppServiceAuthentication.IsEnabled());

// The dispatch engine, on those two ports. Every decision lives there.
builder.Services.AddDispatchCore()
    .UseTableStore(sp => sp.GetRequiredService<AzureTableStore>())
    .UsePublisher(sp => sp.GetRequiredService<ServiceBusOrderPublisher>())
    .UseEventPublisher(sp => sp.GetRequiredService<ServiceBusEventPublisher>());

builder.Build().Run();
