using System.Net;
using Kasse.Web.Hubs;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRouting();
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
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        if (!IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new InvalidOperationException($"plain JWT hub server bound {address}, expected a loopback address");
        return new PlainJwtHubServer(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>The bare hub of <see cref="PlainJwtHubServer"/>: signed-in users only, no methods.</summary>
[Authorize]
public sealed class PlainAuthorizedHub : Hub;
