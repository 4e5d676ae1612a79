namespace Kasse.Silo.Hosting;

/// <summary>
/// <c>Kasse.Silo.dll healthcheck [url]</c>: asks a running silo's liveness endpoint and exits 0 when it answers 200 —
/// the container health check, without curl in the runtime image. The default URL is this host's first HTTP port.
/// </summary>
public static class HealthProbeCommand
{
    public const string Name = "healthcheck";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.SkipWhile(a => a != Name).Skip(1).FirstOrDefault() ?? DefaultUrl();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {url}: {e.Message}");
            return 1;
        }
    }

    /// <summary><c>http://127.0.0.1:{port}/health/live</c> with the first of ASPNETCORE_HTTP_PORTS (the images' setting), else 8080.</summary>
    private static string DefaultUrl()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var port = ports?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "8080";
        return $"http://127.0.0.1:{port}/health/live";
    }
}
