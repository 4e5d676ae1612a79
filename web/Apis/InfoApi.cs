using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Kasse.Web.Apis;

/// <summary>
/// What anyone may know about this installation before signing in: where it keeps its data, so the landing page can
/// say plainly when the embedded default loses everything at a restart. Nothing else (no connection string, no host).
/// </summary>
public static class InfoApi
{
    /// <summary>The connection string that switches every store to PostgreSQL (the silo's <c>KasseStorage</c>).</summary>
    private const string StorageConnectionString = "Kasse";

    public static IEndpointRouteBuilder MapInfoApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/info", GetInfo).AllowAnonymous()
            .WithTags("Info")
            .WithName("GetInstallationInfo")
            .WithSummary("Where this installation keeps its data: \"memory\" (embedded default, lost at a restart) or \"postgresql\".");
        return endpoints;
    }

    private static Ok<InstallationInfo> GetInfo(IConfiguration configuration) =>
        TypedResults.Ok(new InstallationInfo(
            string.IsNullOrEmpty(configuration.GetConnectionString(StorageConnectionString)) ? "memory" : "postgresql"));

    /// <summary>Storage: <c>memory</c> or <c>postgresql</c>.</summary>
    public sealed record InstallationInfo(string Storage);
}
