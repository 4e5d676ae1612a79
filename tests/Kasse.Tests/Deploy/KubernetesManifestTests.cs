using System.Globalization;

namespace Kasse.Tests.Deploy;

/// <summary>
/// deploy/k8s rendered with <c>kubectl kustomize</c> (containers cannot start here, so the objects are checked as
/// Kubernetes would receive them): silos with ADO.NET membership, probes on the health endpoints, time to hand over
/// grains, secrets only by reference, the schema Job, Service, Ingress, disruption budget and autoscaler.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly Lazy<Task<KubernetesObjects>> Example = new(() => KubernetesObjects.RenderAsync("overlays/example"));

    [Fact]
    public async Task Example_overlay_runs_three_silos_of_the_pinned_image_in_its_namespace()
    {
        var objects = await Example.Value;
        var deployment = objects.Single("Deployment", "kasse-silo");
        Assert.Equal("3", deployment.Text("spec", "replicas"));
        Assert.All(objects.All.Where(o => o.Text("kind") != "Namespace"), o => Assert.Equal("kasse", o.Text("metadata", "namespace")));
        Assert.All(objects.Containers(), c => Assert.Equal("registry.kasse.example/kasse-silo:1.0.0", c.Container.Text("image")));
        var ingress = objects.Single("Ingress", "kasse");
        Assert.Equal("service.kasse.example", ingress.Items("spec", "rules")[0].Text("host"));
    }

    [Fact]
    public async Task Silos_are_probed_on_the_health_endpoints_and_get_time_to_hand_over_their_grains()
    {
        var objects = await Example.Value;
        var pod = objects.Single("Deployment", "kasse-silo").At("spec", "template", "spec");
        var silo = Assert.Single(pod.Items("containers"))!;
        Assert.Equal("/health/live", silo.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/ready", silo.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", silo.Text("startupProbe", "httpGet", "path"));
        var httpPort = Assert.Single(silo.Items("ports"), p => p.Text("name") == "http")!;
        Assert.Equal("8080", httpPort.Text("containerPort"));
        Assert.All(new[] { "livenessProbe", "readinessProbe", "startupProbe" }, probe => Assert.Equal("http", silo.Text(probe, "httpGet", "port")));

        // The host's shutdown timeout (Orleans deactivates grains within it) plus the preStop pause fit in the grace period.
        var grace = int.Parse(pod.Text("terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
        var config = objects.OfKind("ConfigMap").Single();
        var shutdown = int.Parse(config.Text("data", "shutdownTimeoutSeconds")!, CultureInfo.InvariantCulture);
        var preStop = int.Parse(silo.Items("lifecycle", "preStop", "exec", "command")[1]!.ToString()!, CultureInfo.InvariantCulture);
        Assert.InRange(grace, 60, 300);
        Assert.True(shutdown >= 60 && preStop + shutdown < grace, $"preStop {preStop} s + shutdown {shutdown} s must fit in {grace} s");
    }

    [Fact]
    public async Task Silos_advertise_their_pod_ip_and_sign_in_as_the_application_role_without_migrating()
    {
        var objects = await Example.Value;
        var silo = objects.Containers().Single(c => c.Owner.Text("kind") == "Deployment").Container;
        Assert.Equal("status.podIP", KubernetesObjects.Env(silo, "Orleans__AdvertisedIPAddress").Text("valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("app-connection-string", KubernetesObjects.Env(silo, "ConnectionStrings__Kasse").Text("valueFrom", "secretKeyRef", "key"));
        Assert.Equal("false", KubernetesObjects.Env(silo, "Database__MigrateOnStart").Text("value"));
        var config = objects.OfKind("ConfigMap").Single();
        Assert.Equal(config.Text("metadata", "name"), Assert.Single(silo.Items("envFrom")).Text("configMapRef", "name"));
        Assert.Equal("kasse-prod", config.Text("data", "Orleans__ClusterId"));
        Assert.Equal("11111", config.Text("data", "Orleans__SiloPort"));
        Assert.Equal("30000", config.Text("data", "Orleans__GatewayPort"));
        // ADO.NET membership: no Kubernetes API access, so no service account token in the pod.
        Assert.Equal("false", objects.Single("Deployment", "kasse-silo").Text("spec", "template", "spec", "automountServiceAccountToken"));
    }

    [Fact]
    public async Task Migrate_job_runs_migrate_as_the_schema_owner_and_grants_the_application_role()
    {
        var objects = await Example.Value;
        var job = objects.Single("Job", "kasse-migrate");
        var migrate = Assert.Single(job.Items("spec", "template", "spec", "containers"))!;
        Assert.Equal(["migrate"], migrate.Items("args").Select(a => a!.ToString()));
        var connection = KubernetesObjects.Env(migrate, "ConnectionStrings__Kasse");
        Assert.Equal("kasse-secrets", connection.Text("valueFrom", "secretKeyRef", "name"));
        Assert.Equal("owner-connection-string", connection.Text("valueFrom", "secretKeyRef", "key"));
        Assert.Equal("kasse_app", objects.OfKind("ConfigMap").Single().Text("data", "Database__ApplicationRole"));
        Assert.Contains(job.Text("spec", "template", "spec", "restartPolicy"), new[] { "Never", "OnFailure" });
    }

    [Fact]
    public async Task Every_secret_setting_is_a_reference_to_the_kasse_secrets_secret_and_no_object_holds_a_secret_value()
    {
        var objects = await Example.Value;
        Assert.Empty(objects.OfKind("Secret"));
        var secretEntries = 0;
        foreach (var (owner, container) in objects.Containers())
        {
            foreach (var entry in container.Items("env"))
            {
                var name = entry.Text("name")!;
                if (!SecretSettings.IsSecret(name))
                    continue;
                secretEntries++;
                Assert.True(entry.At("value") is null, $"{owner.Text("metadata", "name")}: {name} has a literal value");
                Assert.Equal("kasse-secrets", entry.Text("valueFrom", "secretKeyRef", "name"));
            }
        }
        // Silos: connection string, pseudonym key, EinmalPIN secret; the Job the same with the owner's connection string.
        Assert.Equal(6, secretEntries);
        foreach (var config in objects.OfKind("ConfigMap"))
            Assert.DoesNotContain(config.Map("data").Keys, SecretSettings.IsSecret);
        Assert.DoesNotContain("Password=", objects.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Silo_resources_hold_the_planned_connections_and_run_read_only_as_the_image_user()
    {
        var objects = await Example.Value;
        foreach (var (owner, container) in objects.Containers())
        {
            foreach (var part in new[] { "requests", "limits" })
            {
                Assert.NotNull(container.Text("resources", part, "cpu"));
                Assert.NotNull(container.Text("resources", part, "memory"));
            }
            Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("/tmp", Assert.Single(container.Items("volumeMounts")).Text("mountPath"));
            var pod = owner.At("spec", "template", "spec");
            Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
            Assert.Equal("1654", pod.Text("securityContext", "runAsUser"));
        }
        // docs/benchmarks.md: ~250 MiB before connections + 37.3 KiB per idle connection; 20,000 per silo planned.
        var silo = objects.Containers().Single(c => c.Owner.Text("kind") == "Deployment").Container;
        var needed = (250L << 20) + (long)(20_000 * 37.3 * 1024);
        Assert.True(Mebibytes(silo.Text("resources", "limits", "memory")!) * (1L << 20) >= needed / 3 * 4,
            "the GC keeps its heap within 75 % of the limit; the idle figure must fit in it");
        Assert.Equal(silo.Text("resources", "limits", "memory"), silo.Text("resources", "requests", "memory"));
    }

    [Fact]
    public async Task Ingress_keeps_websockets_open_an_hour_and_a_budget_and_autoscaler_cover_the_silos()
    {
        var objects = await Example.Value;
        var ingress = objects.Single("Ingress", "kasse");
        Assert.Equal("3600", ingress.Text("metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-read-timeout"));
        Assert.Equal("3600", ingress.Text("metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-send-timeout"));
        var backend = ingress.Items("spec", "rules")[0].Items("http", "paths")[0].At("backend", "service");
        var service = objects.Single("Service", backend.Text("name")!);
        Assert.Equal("http", service.Items("spec", "ports")[0].Text("targetPort"));
        var siloLabels = objects.Single("Deployment", "kasse-silo").Map("spec", "template", "metadata", "labels");
        Assert.All(service.Map("spec", "selector"), label => Assert.Equal(siloLabels[label.Key], label.Value));

        var budget = Assert.Single(objects.OfKind("PodDisruptionBudget"));
        Assert.Equal("1", budget.Text("spec", "maxUnavailable"));
        Assert.All(budget.Map("spec", "selector", "matchLabels"), label => Assert.Equal(siloLabels[label.Key], label.Value));

        var autoscaler = Assert.Single(objects.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal("kasse-silo", autoscaler.Text("spec", "scaleTargetRef", "name"));
        Assert.Equal("3", autoscaler.Text("spec", "minReplicas"));
        Assert.True(int.Parse(autoscaler.Text("spec", "maxReplicas")!, CultureInfo.InvariantCulture) > 3);
    }

    [Fact]
    public async Task Base_renders_on_its_own_with_every_object_but_the_example_autoscaler()
    {
        var objects = await KubernetesObjects.RenderAsync("base");
        Assert.Equal(
            ["ConfigMap", "Deployment", "Ingress", "Job", "PodDisruptionBudget", "Service"],
            objects.All.Select(o => o.Text("kind")!).Order(StringComparer.Ordinal));
    }

    private static long Mebibytes(string quantity) => quantity switch
    {
        _ when quantity.EndsWith("Gi", StringComparison.Ordinal) => long.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024,
        _ when quantity.EndsWith("Mi", StringComparison.Ordinal) => long.Parse(quantity[..^2], CultureInfo.InvariantCulture),
        _ => throw new FormatException($"unexpected memory quantity {quantity}"),
    };
}
