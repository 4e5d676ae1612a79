using Kasse.Web.Hubs;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Kasse.Bench.Plain;

/// <summary>
/// The reference of <c>connections</c> (issue 15): a bare ASP.NET Core SignalR hub that requires an authenticated user,
/// with JWT bearer authentication in its default options and nothing else — no silo, no filters, no telemetry, no
/// rate limiting. It accepts the bench's development tokens (same issuer, audience and key) at the product's hub
/// path, so the same clients connect to either. What an idle connection costs beyond it is the product's.
/// </summary>
public sealed class PlainJwtHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlainJwtHubServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The HTTP address Kestrel bound, e.g. <c>http://127.0.0.1:41236/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<PlainJwtHubServer> StartAsync(byte[] signingKey, string audience)
    {
        var builder = LoopbackApp.CreateBuilder();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = DevelopmentTokens.Issuer,
                ValidAudience = audience,
                IssuerSigningKey = new SymmetricSecurityKey(signingKey),
            });
        builder.Services.AddAuthorization();
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<PlainAuthorizedHub>(CustomerHub.Path);
        var uri = await LoopbackApp.StartAsync(app, "plain JWT hub server");
        return new PlainJwtHubServer(app, uri);
    }

    public async ValueTask DisposeAsync() => await LoopbackApp.StopAsync(_app);
}

/// <summary>The bare hub of <see cref="PlainJwtHubServer"/>: signed-in users only, no methods.</summary>
[Authorize]
public sealed class PlainAuthorizedHub : Hub;
