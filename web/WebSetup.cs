using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Web.Apis;
using Kasse.Web.Development;
using Kasse.Web.Documents;
using Kasse.Web.Http;
using Kasse.Web.Hubs;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace Kasse.Web;

/// <summary>The gateway: hubs, HTTP API, API reference and static UIs, co-hosted on every silo.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddKasseWeb(this WebApplicationBuilder builder)
    {
        builder.AddKasseAuthentication();
        builder.AddKasseForwardedHeaders();
        builder.AddKasseRateLimiting();
        builder.Services.AddKasseProblems();
        builder.Services.AddKasseRequestValidation();
        builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(o => ConfigurePayload(o.PayloadSerializerOptions))
            // The agent hub has options of its own (the global ones and its presence filter, added below); without this
            // SignalR would use the global options for it and skip the presence filter.
            .AddHubOptions<AgentHub>(_ => { });
        // The hub filters as instances: a filter added by type is looked up in the call's service scope on every call.
        builder.Services.AddOptions<HubOptions>()
            .Configure<CodedErrorFilter, SendRateLimitFilter, GatewayConnectionCount, SiloGoneRetryFilter>((options, coded, rate, count, retry) =>
            {
                options.AddFilter(coded);
                options.AddFilter(rate);
                options.AddFilter(count); // h14-roll: connections per gateway for the admin's silo page
                options.AddFilter(retry); // innermost: a retry draws no second send token (h15-failover)
            });
        builder.Services.AddOptions<HubOptions<AgentHub>>()
            .Configure<AgentPresenceFilter>((options, presence) => options.AddFilter(presence));
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<CodedErrorFilter>();
        builder.Services.AddSingleton<SendRateLimitFilter>();
        builder.Services.AddSingleton<SiloGoneRetryFilter>();
        builder.Services.AddSingleton<AgentPresenceFilter>();
        builder.Services.AddSingleton<GatewayConnectionCount>(); // h14-roll
        builder.Services.AddSingleton<Kasse.Cluster.ILocalGatewayConnections>(sp => sp.GetRequiredService<GatewayConnectionCount>());
        builder.Services.Configure<SendRateLimitOptions>(builder.Configuration.GetSection(SendRateLimitOptions.Section));
        builder.Services.AddOptions<SlowReaderOptions>().BindConfiguration(SlowReaderOptions.Section)
            .Validate(o => o.MaxPendingPushes > 0, $"{SlowReaderOptions.Section}:MaxPendingPushes must be positive").ValidateOnStart();
        RefusalLogFilter.ApplyTo<CustomerHub>(builder.Services);
        RefusalLogFilter.ApplyTo<AgentHub>(builder.Services);
        RefusalLogFilter.ApplyTo<SupervisorHub>(builder.Services);
        RefusalLogFilter.ApplyTo<EchoHub>(builder.Services);
        RefusalLogFilter.ApplyTo<PinHub>(builder.Services);
        // The gateway pushes to the connections of every person hub: they share one user index, so a delivery looks a
        // user up once. The supervisor hub has an index of its own (it gets the supervisor view and nothing else).
        builder.Services.AddKeyedSingleton<UserIndex>(GatewayObserver.PersonsKey);
        PersonHubConnections<CustomerHub>(builder.Services);
        PersonHubConnections<AgentHub>(builder.Services);
        PersonHubConnections<PinHub>(builder.Services); // h12-case
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<UserConnections<SupervisorHub>>(sp, new UserIndex()));
        builder.Services.AddKeyedSingleton<UserConnections>(
            GatewayObserver.SupervisorsKey, (sp, _) => sp.GetRequiredService<UserConnections<SupervisorHub>>());
        builder.Services.AddSingleton<GatewayObserver>();
        builder.Services.AddHostedService<GatewayRegistration>();
        builder.Services.AddSingleton(new DocumentFonts(builder.Configuration["Documents:FontPath"]));
        builder.Services.AddSingleton<TranscriptPdf>();
        builder.Services.AddSingleton<FormControlDocumentPdf>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        // Issue 13: each part registers its web services below its own marker.
        // ---- h13-dwh ----

        // ---- h13-policy ----

        // ---- h13-campaign ----

        // ---- h13-nba ----

        // ---- h13-journey ----

        return builder;
    }

    public static WebApplication UseKasseWeb(this WebApplication app)
    {
        // First: everything after it sees the client's address and scheme (behind a trusted proxy).
        app.UseForwardedHeaders();
        // h14-roll: a stopping silo takes no new hub connections (their clients go to a live silo).
        app.UseHubRefusalWhileStopping();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseKasseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The static UIs come from wwwroot beside the host assembly (the host's content root); served before the rate
        // limiter, which counts API calls, not page assets.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        // After authentication, so it can count per user; before authorization, so refused tokens count per address.
        app.UseKasseRateLimiter();
        app.UseAuthorization();
        app.UseRequestTextGuard();
        app.UseWebSocketCredentialRemoval();
        return app;
    }

    public static WebApplication MapKasseWeb(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The reference loads nothing from the internet (a Kasse's network has none) and shows no vendor offers:
        // no CDN fonts, no AI agent, no MCP, no developer toolbar (deploy, SDK generation), no telemetry. Its inline
        // start script carries a per-request nonce that the Content-Security-Policy names (SecurityHeaders).
        app.MapScalarApiReference("/api-docs", options => options
                .WithTitle("Kasse.Orleans API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .HideDeveloperTools()
                .HideClientButton()
                .WithNonce())
            .AllowAnonymous();
        app.MapDevelopmentSignIn();
        app.MapBrowserSignIn();
        app.MapInfoApi();
        app.MapMeApi();
        app.MapIntegrationCustomerApi();
        app.MapAdminClusterApi();
        app.MapConversationApi();
        app.MapRulesApi();
        app.MapFormDefinitionsApi();
        app.MapInboxApi();
        app.MapWorkItemLifecycleApi();
        app.MapCannedResponsesApi();
        app.MapFormSessionApi();
        app.MapEinmalPinResultsApi(); // h12-results
        app.MapEinmalPinLettersApi(); // h12-letters
        // h12-case: EinmalPIN login, case session files, per-case pull
        app.MapPinLoginApi();
        app.MapPinSessionApi();
        app.MapPinCaseApi();
        app.MapEinmalPinImportApi(); // h12-import

        // Issue 13: each part maps its endpoints below its own marker.
        // ---- h13-dwh ----
        app.MapDwhImportApi();

        // ---- h13-policy ----
        app.MapContactPolicyApi();
        app.MapConsentApi();

        // ---- h13-campaign ----
        app.MapCampaignApi();

        // ---- h13-nba ----
        app.MapNbaBannerApi();
        app.MapNbaAgentApi();
        app.MapCallListApi();
        app.MapOfferCatalogApi();

        // ---- h13-journey ----
        app.MapJourneyApi();

        // A connection ends when its token expires, so a revoked role stops reaching social data within a token's life.
        // The echo hub is a load baseline for benchmarks: mapped in Development (and where Diagnostics:EchoHub says so).
        if (app.Configuration.GetValue(EchoHub.EnabledKey, app.Environment.IsDevelopment()))
            app.MapHub<EchoHub>(EchoHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<CustomerHub>(CustomerHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<AgentHub>(AgentHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<SupervisorHub>(SupervisorHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<PinHub>(PinHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }

    /// <summary>The hubs' payload JSON: enums by name, and the chat's ack and event written directly (<see cref="ConversationEventJson"/>).</summary>
    public static void ConfigurePayload(JsonSerializerOptions options)
    {
        ConversationEventJson.AddTo(options);
        options.Converters.Add(new JsonStringEnumConverter());
    }

    private static void PersonHubConnections<THub>(IServiceCollection services)
        where THub : Hub =>
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<UserConnections<THub>>(
            sp, sp.GetRequiredKeyedService<UserIndex>(GatewayObserver.PersonsKey)));
}
