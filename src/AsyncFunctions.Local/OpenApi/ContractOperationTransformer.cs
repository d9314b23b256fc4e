using System.Globalization;
using AsyncFunctions.Http.Describing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AsyncFunctions.Local.OpenApi;

/// <summary>
/// Adds what the generator cannot see: request bodies, headers and query parameters the handlers read from the request
/// themselves (<see cref="ContractParameter"/>) and headers set on a response (<see cref="ContractResponseHeader"/>).
/// </summary>
internal sealed class ContractOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ContractRequestBody>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken) },
                },
            };
        }

        foreach (var parameter in metadata.OfType<ContractParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In == ContractParameterLocation.Header ? ParameterLocation.Header : ParameterLocation.Query,
                Required = parameter.Required,
                Description = parameter.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var header in metadata.OfType<ContractResponseHeader>())
        {
            if (operation.Responses?.TryGetValue(header.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) != true || response is not OpenApiResponse concrete)
                continue;
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[header.Name] = new OpenApiHeader
            {
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}
