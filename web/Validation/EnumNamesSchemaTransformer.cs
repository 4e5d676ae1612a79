using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kasse.Web.Validation;

/// <summary>
/// Enums are described by their names in the API description: the one form <see cref="DefinedEnumConverterFactory"/>
/// reads and writes (the description generator cannot see into a custom converter by itself).
/// </summary>
internal sealed class EnumNamesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        }
        return Task.CompletedTask;
    }
}
