using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kasse.Web.Security;

public static class AuthenticationSetup
{
    /// <summary>Cookie the browser UIs keep the access token in, so that plain page loads (dashboard) carry it.</summary>
    public const string TokenCookie = "kasse_access_token";

    /// <summary>
    /// JWT bearer authentication. Production: tokens from the configured OpenID Connect authority only.
    /// Development without an authority: tokens from <see cref="DevelopmentTokens"/>.
    /// </summary>
    public static WebApplicationBuilder AddKasseAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var useDevelopmentTokens = builder.Environment.IsDevelopment() && string.IsNullOrEmpty(options.Authority);
        if (!useDevelopmentTokens && string.IsNullOrEmpty(options.Authority))
        {
            throw new InvalidOperationException(
                "Auth:Authority (the OpenID Connect issuer) must be configured outside the Development environment.");
        }

        if (useDevelopmentTokens)
        {
            // Kept in the user's profile unless configured otherwise: a restarted silo still accepts its sign-ins.
            builder.Services.PostConfigure<AuthOptions>(auth => auth.DevelopmentSigningKeyFile ??= DevelopmentSigningKeyFile.DefaultPath);
            builder.Services.AddSingleton<DevelopmentTokens>();
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider>((jwt, services) =>
            {
                jwt.MapInboundClaims = false;
                // Nothing reads the raw token after validation; saved, every WebSocket connection would hold a copy for hours.
                jwt.SaveToken = false;
                jwt.Audience = options.Audience;
                if (useDevelopmentTokens)
                {
                    jwt.TokenValidationParameters = services.GetRequiredService<DevelopmentTokens>().ValidationParameters;
                }
                else
                {
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                    jwt.TokenValidationParameters.NameClaimType = KasseClaims.Name;
                    jwt.TokenValidationParameters.RoleClaimType = KasseClaims.Role;
                }
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ReadTokenFromQueryOrCookie,
                    OnTokenValidated = KeepOnlyKasseClaims,
                    OnChallenge = DashboardSignInRedirect.OnChallenge,
                };
            });
        AddPinCaseScheme(builder);
        builder.Services.AddAuthorizationBuilder().AddKassePolicies();
        return builder;
    }

    /// <summary>
    /// h12-case: the EinmalPin scheme for case-session tokens (PinCaseTokens). Never the default: only endpoints whose
    /// policy names it (KassePolicies.PinCase) authenticate with it, and the token it accepts is unknown to the default.
    /// </summary>
    private static void AddPinCaseScheme(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PinCaseTokens>();
        builder.Services.AddAuthentication().AddJwtBearer(PinCaseTokens.Scheme);
        builder.Services.AddOptions<JwtBearerOptions>(PinCaseTokens.Scheme)
            .Configure<IServiceProvider>((jwt, services) =>
            {
                jwt.MapInboundClaims = false;
                jwt.SaveToken = false;
                jwt.TokenValidationParameters = services.GetRequiredService<PinCaseTokens>().ValidationParameters;
                jwt.Events = new JwtBearerEvents { OnMessageReceived = ReadPinTokenFromQuery };
            });
    }

    // The pin hub's WebSocket carries the token as access_token like every hub; nowhere else is a query token read.
    private static Task ReadPinTokenFromQuery(MessageReceivedContext context)
    {
        var request = context.HttpContext.Request;
        if (string.IsNullOrEmpty(context.Token)
            && request.Path.StartsWithSegments(PinHubPath, StringComparison.OrdinalIgnoreCase)
            && request.Query.TryGetValue(WebSocketCredentials.QueryParameter, out var queryToken))
        {
            context.Token = queryToken;
        }
        return Task.CompletedTask;
    }

    /// <summary>The pin hub's path (PinHub.Path), named here so the security setup does not reach into the hubs.</summary>
    public const string PinHubPath = "/hubs/pin";

    private static readonly HashSet<string> KeptClaimTypes =
        [KasseClaims.Subject, KasseClaims.Name, KasseClaims.Role, KasseClaims.Skill, KasseClaims.Team];

    // A WebSocket connection keeps its principal for hours: hold the few claims the product reads, not the parsed
    // token with its header, payload and signature (a few KB per idle connection).
    private static Task KeepOnlyKasseClaims(TokenValidatedContext context)
    {
        var claims = context.Principal!.Claims
            .Where(c => KeptClaimTypes.Contains(c.Type))
            .Select(c => new Claim(c.Type, c.Value));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme, KasseClaims.Name, KasseClaims.Role));
        return Task.CompletedTask;
    }

    // Browsers cannot set headers on WebSocket upgrades, so SignalR sends the token as access_token in the query;
    // page loads of the dashboard carry it in a cookie set at sign-in. The cookie counts nowhere else, so the API
    // cannot be driven by a forged cross-site request.
    private static Task ReadTokenFromQueryOrCookie(MessageReceivedContext context)
    {
        if (!string.IsNullOrEmpty(context.Token))
            return Task.CompletedTask;
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && request.Query.TryGetValue(WebSocketCredentials.QueryParameter, out var queryToken))
        {
            context.Token = queryToken;
        }
        else if (request.Path.StartsWithSegments(BrowserSignInApi.DashboardPath, StringComparison.OrdinalIgnoreCase)
            && request.Cookies.TryGetValue(TokenCookie, out var cookieToken))
        {
            context.Token = cookieToken;
        }
        return Task.CompletedTask;
    }
}
