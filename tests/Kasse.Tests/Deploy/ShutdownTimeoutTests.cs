using System.Globalization;
using Kasse.Silo;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kasse.Tests.Deploy;

/// <summary>
/// The image's <c>shutdownTimeoutSeconds</c> is the time the host gives Orleans to hand over its grains on SIGTERM;
/// compose and Kubernetes must wait longer than that before they kill the container.
/// </summary>
public sealed class ShutdownTimeoutTests
{
    [Fact]
    public async Task Image_shutdown_timeout_sets_the_hosts_stop_time_and_compose_and_kubernetes_wait_longer()
    {
        var runtime = DockerfileReader.Stages(Path.Combine(RepositoryPaths.Root, "Dockerfile"))[^1];
        var seconds = runtime.Environment()["shutdownTimeoutSeconds"];
        await using (var app = KasseServer.Create(
            ["--environment", "Development", "--Auth:DevelopmentSigningKeyFile", "none", "--shutdownTimeoutSeconds", seconds]))
        {
            var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture)), timeout);
            Assert.True(timeout >= TimeSpan.FromSeconds(60), $"{timeout} is short for handing over grains");
        }

        var compose = YamlTree.Documents(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "compose.yaml"))).Single();
        var grace = compose.Text("services", "silo1", "stop_grace_period")!;
        Assert.True(int.Parse(grace.TrimEnd('s'), CultureInfo.InvariantCulture) > int.Parse(seconds, CultureInfo.InvariantCulture));

        var kubernetes = await KubernetesObjects.RenderAsync("base");
        Assert.Equal(seconds, kubernetes.OfKind("ConfigMap").Single().Text("data", "shutdownTimeoutSeconds"));
    }
}
