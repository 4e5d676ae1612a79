using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Deploy;

/// <summary>The objects <c>kubectl kustomize</c> renders from a directory under deploy/k8s, as YAML trees.</summary>
public sealed class KubernetesObjects(IReadOnlyList<object> objects, string text)
{
    public IReadOnlyList<object> All => objects;

    /// <summary>The rendered YAML as kubectl printed it.</summary>
    public string Text => text;

    public static async Task<KubernetesObjects> RenderAsync(string kustomizationDirectory)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "deploy", "k8s", kustomizationDirectory);
        var (exitCode, output) = await CommandRun.RunAsync(["kubectl", "kustomize", directory], RepositoryPaths.Root, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"kubectl kustomize {directory} failed:\n{output}");
        // kustomize prints deprecation warnings on stderr as comment lines; YAML ignores them.
        return new KubernetesObjects(YamlTree.Documents(output), output);
    }

    public IEnumerable<object> OfKind(string kind) => objects.Where(o => o.Text("kind") == kind);

    public object Single(string kind, string name) =>
        Assert.Single(OfKind(kind), o => o.Text("metadata", "name") == name);

    /// <summary>Every container of every pod template (Deployments, Jobs).</summary>
    public IEnumerable<(object Owner, object Container)> Containers() =>
        objects.SelectMany(o => o.Items("spec", "template", "spec", "containers").Select(c => (o, c!)));

    /// <summary>A container's env entry by variable name.</summary>
    public static object Env(object container, string name) =>
        Assert.Single(container.Items("env"), e => e.Text("name") == name)!;
}
