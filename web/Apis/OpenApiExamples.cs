using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace Kasse.Web.Apis;

/// <summary>Puts an example request body into an endpoint's OpenAPI description.</summary>
public static class OpenApiExamples
{
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, string json) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media))
                media.Example = JsonNode.Parse(json);
            return Task.CompletedTask;
        });
}
