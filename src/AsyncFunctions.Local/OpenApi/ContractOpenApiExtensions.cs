using System.Text.Json.Serialization;

namespace AsyncFunctions.Local.OpenApi;

/// <summary>The OpenAPI document of the HTTP contract at /openapi/v1.json, built from the endpoint metadata MapDispatchApi attaches.</summary>
public static class ContractOpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddContractOpenApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "AsyncFunctions order dispatch";
                document.Info.Description = "The HTTP contract shared by the Azure Functions app and the local host. Errors are application/problem+json (RFC 9457).";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<ContractOperationTransformer>();
        });

        // The schemas follow these settings; responses do not (ContractResult serializes with DispatchJson),
        // so this only makes the document say what the wire carries: enums as strings, numbers as numbers.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return builder;
    }

    public static WebApplication MapContractOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath);
        return app;
    }
}
