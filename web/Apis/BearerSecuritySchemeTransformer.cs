using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kasse.Web.Apis;

/// <summary>Declares the bearer token scheme in the OpenAPI document so the reference page can send tokens.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Kasse.Orleans API";
        document.Info.Description = "HTTP-Schnittstellen für Portal, Beraterarbeitsplatz, Administration und Integration.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Zugriffstoken des OpenID-Connect-Anbieters der Kasse.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
