using System.Text.Json.Serialization;
using Kasse.Web.Apis;
using Kasse.Web.Development;
using Kasse.Web.Documents;
using Kasse.Web.Hubs;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Kasse.Web;

/// <summary>The gateway: hubs, HTTP API, API reference and static UIs, co-hosted on every silo.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddKasseWeb(this WebApplicationBuilder builder)
    {
        builder.AddKasseAuthentication();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = 64 * 1024;
                options.AddFilter<CodedErrorFilter>();
                options.AddFilter<SendRateLimitFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<CodedErrorFilter>();
        builder.Services.AddSingleton<SendRateLimitFilter>();
        builder.Services.Configure<SendRateLimitOptions>(builder.Configuration.GetSection(SendRateLimitOptions.Section));
        builder.Services.AddSingleton(typeof(UserConnections<>));
        builder.Services.AddSingleton<GatewayObserver>();
        builder.Services.AddHostedService<GatewayRegistration>();
        builder.Services.AddSingleton(new DocumentFonts(builder.Configuration["Documents:FontPath"]));
        builder.Services.AddSingleton<TranscriptPdf>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        return builder;
    }

    public static WebApplication UseKasseWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The static UIs come from wwwroot beside the host assembly (the host's content root).
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWebSocketCredentialRemoval();
        return app;
    }

    public static WebApplication MapKasseWeb(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", options => options
                .WithTitle("Kasse.Orleans API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        app.MapDevelopmentSignIn();
        app.MapBrowserSignIn();
        app.MapMeApi();
        app.MapIntegrationCustomerApi();
        app.MapAdminClusterApi();
        app.MapConversationApi();
        app.MapRulesApi();
        app.MapInboxApi();
        // A connection ends when its token expires, so a revoked role stops reaching social data within a token's life.
        app.MapHub<EchoHub>(EchoHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<CustomerHub>(CustomerHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<AgentHub>(AgentHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
