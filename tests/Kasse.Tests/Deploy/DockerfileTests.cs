using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kasse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Kasse.Tests.Deploy;

/// <summary>
/// The Dockerfile at the repository root. Images cannot be built here, so its stages are read and exercised directly:
/// the build stage's publish command runs on this machine, and the published silo is started with the runtime stage's
/// settings and answers the image's HEALTHCHECK command.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class DockerfileTests(ITestOutputHelper output)
{
    private static readonly string DockerfilePath = Path.Combine(RepositoryPaths.Root, "Dockerfile");

    [Fact]
    public void Dockerfile_builds_with_the_sdk_and_runs_on_the_aspnet_image_as_a_non_root_user_with_a_health_check()
    {
        var stages = DockerfileReader.Stages(DockerfilePath);
        Assert.Equal(2, stages.Count);
        var (build, runtime) = (stages[0], stages[1]);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", build.BaseImage);
        Assert.Contains(build.All("RUN"), r => r.Arguments.Contains("nodejs npm", StringComparison.Ordinal));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", runtime.BaseImage);
        Assert.Contains(runtime.All("RUN"), r => r.Arguments.Contains("fonts-dejavu-core", StringComparison.Ordinal));
        Assert.Contains(runtime.All("COPY"), c => c.Arguments.StartsWith($"--from={build.Name} ", StringComparison.Ordinal));

        var user = runtime.All("USER").Last().Arguments;
        Assert.True(int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid != 0,
            $"USER {user}: a numeric non-root user, so that Kubernetes can check runAsNonRoot");
        var exposed = runtime.All("EXPOSE").SelectMany(e => e.Arguments.Split(' ')).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["8080", "11111", "30000"], StringComparer.Ordinal), exposed);
        Assert.Equal("8080", runtime.Environment()["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal(["dotnet", "Kasse.Silo.dll", "healthcheck"], runtime.All("HEALTHCHECK").Single().ExecForm("CMD"));
        Assert.Equal(["dotnet", "Kasse.Silo.dll"], runtime.All("ENTRYPOINT").Single().ExecForm());

        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));
        Assert.Superset(new HashSet<string>(["**/bin/", "**/obj/", "**/node_modules/", ".git"], StringComparer.Ordinal), ignored.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dockerfile_publish_command_builds_a_silo_that_answers_the_image_health_check()
    {
        var stages = DockerfileReader.Stages(DockerfilePath);
        var (build, runtime) = (stages[0], stages[^1]);
        var published = Directory.CreateTempSubdirectory("kasse-publish-");
        try
        {
            // The build stage's dotnet commands in order (restore, publish), its output directory swapped for a temporary one.
            var appDirectory = runtime.All("WORKDIR").Last().Arguments;
            var stopwatch = Stopwatch.StartNew();
            foreach (var run in build.All("RUN").Where(r => r.Arguments.StartsWith("dotnet ", StringComparison.Ordinal)))
            {
                var command = run.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                var target = command.IndexOf("-o");
                if (target >= 0)
                {
                    Assert.Equal(appDirectory, command[target + 1]);
                    command[target + 1] = published.FullName;
                }
                var (exitCode, log) = await CommandRun.RunAsync(command, RepositoryPaths.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string>
                {
                    ["MSBUILDDISABLENODEREUSE"] = "1",
                    ["UseSharedCompilation"] = "false",
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                });
                Assert.True(exitCode == 0, $"{run.Arguments}:\n{log}");
            }
            output.WriteLine($"restore and publish took {stopwatch.Elapsed.TotalSeconds:F1} s");
            Assert.True(File.Exists(Path.Combine(published.FullName, "Kasse.Silo.dll")), "the publish command produced no Kasse.Silo.dll");
            Assert.True(File.Exists(Path.Combine(published.FullName, "wwwroot", "lib", "signalr", "signalr.min.js")), "the browser libraries are missing");

            var httpPort = FreePorts.Next();
            var environment = RuntimeEnvironment(runtime, httpPort);
            var healthCheck = runtime.All("HEALTHCHECK").Single().ExecForm("CMD");
            await using (var silo = StartedProcess.Start(runtime.All("ENTRYPOINT").Single().ExecForm(), published.FullName, environment))
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
                await Eventually.ReturnsAsync(
                    async () =>
                    {
                        silo.ThrowIfExited();
                        using var response = await http.GetAsync("/health/live");
                        return response.StatusCode;
                    },
                    status => status == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(120),
                    "published silo answers /health/live");

                var (healthy, healthLog) = await CommandRun.RunAsync(healthCheck, published.FullName, TimeSpan.FromSeconds(60), environment);
                Assert.True(healthy == 0, $"HEALTHCHECK {string.Join(' ', healthCheck)} exited {healthy}:\n{healthLog}\nsilo:\n{silo.Output}");
            }
            var (gone, _) = await CommandRun.RunAsync(healthCheck, published.FullName, TimeSpan.FromSeconds(60), environment);
            Assert.NotEqual(0, gone);
        }
        finally
        {
            published.Delete(recursive: true);
        }
    }

    /// <summary>The runtime stage's ENV with a free HTTP port, plus what a production silo must be given.</summary>
    private static Dictionary<string, string> RuntimeEnvironment(DockerfileStage runtime, int httpPort)
    {
        var environment = new Dictionary<string, string>(runtime.Environment(), StringComparer.Ordinal)
        {
            ["ASPNETCORE_HTTP_PORTS"] = httpPort.ToString(CultureInfo.InvariantCulture),
            // Embedded mode (no database); ports of its own, beside other tests' silos.
            ["ConnectionStrings__Kasse"] = "",
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            // Production needs an authority (nobody listens there; liveness does not ask it) and the keys.
            ["Auth__Authority"] = $"http://127.0.0.1:{FreePorts.Next()}/realms/kasse",
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Privacy__PseudonymKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["EinmalPin__ServerSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Logging__Json"] = "false",
        };
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        return environment;
    }
}
