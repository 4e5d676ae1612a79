using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web.Validation;

/// <summary>The checks every HTTP request goes through before an endpoint sees its values.</summary>
public static class RequestValidationSetup
{
    public static IServiceCollection AddKasseRequestValidation(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = RequestBodyLimits.Default);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new DefinedEnumConverterFactory());
            o.SerializerOptions.Converters.Add(new CheckedJsonElementConverter());
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(JsonTextGuard.CheckStringsAfterReading);
        });
        services.ConfigureAll<OpenApiOptions>(o => o.AddSchemaTransformer<EnumNamesSchemaTransformer>());
        return services;
    }

    /// <summary>After authorization, so an anonymous caller still learns only that it must sign in.</summary>
    public static IApplicationBuilder UseRequestTextGuard(this IApplicationBuilder app) => app.UseMiddleware<RequestTextGuard>();
}
