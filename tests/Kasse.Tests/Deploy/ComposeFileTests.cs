using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Deploy;

/// <summary>
/// deploy/compose.yaml read as the container engine would (merge keys resolved; containers cannot start here):
/// PostgreSQL, the schema step, three silos of one cluster and a load balancer for HTTP and WebSockets.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string DeployDirectory = Path.Combine(RepositoryPaths.Root, "deploy");
    private static readonly object Compose = YamlTree.Documents(File.ReadAllText(Path.Combine(DeployDirectory, "compose.yaml"))).Single();
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    [Fact]
    public void Compose_starts_postgres_then_the_migrate_step_then_three_silos_behind_a_load_balancer()
    {
        Assert.Equal(["lb", "migrate", "postgres", "silo1", "silo2", "silo3"], Compose.Map("services").Keys.Order(StringComparer.Ordinal));
        Assert.Equal("service_healthy", Service("migrate").Text("depends_on", "postgres", "condition"));
        Assert.Contains("pg_isready", Service("postgres").Items("healthcheck", "test").Select(t => t?.ToString()));
        Assert.Equal(["migrate"], Service("migrate").Items("command").Select(c => c?.ToString()));
        Assert.Equal("no", Service("migrate").Text("restart"));
        foreach (var silo in Silos)
        {
            Assert.Equal("service_completed_successfully", Service(silo).Text("depends_on", "migrate", "condition"));
            Assert.Equal(Service("migrate").Text("image"), Service(silo).Text("image"));
            Assert.Null(Service(silo).At("command"));
        }
        Assert.Equal("8080", Service("lb").Items("ports").Single()!.ToString()!.Split(':')[^1]);
    }

    [Fact]
    public void Compose_postgres_keeps_a_gigabyte_of_wal_segments_for_reuse_and_stays_durable()
    {
        var command = Service("postgres").Items("command").Select(c => c?.ToString()).ToList();
        Assert.Equal("postgres", command[0]);
        Assert.Contains("min_wal_size=1GB", command);
        Assert.DoesNotContain(command, c => c is not null && (c.StartsWith("fsync", StringComparison.Ordinal)
            || c.StartsWith("synchronous_commit", StringComparison.Ordinal) || c.StartsWith("full_page_writes", StringComparison.Ordinal)
            || c.StartsWith("wal_init_zero", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compose_silos_share_cluster_and_database_and_each_advertises_its_own_static_address()
    {
        var environments = Silos.Select(s => Service(s).Map("environment")).ToList();
        foreach (var key in new[] { "Orleans__ClusterId", "Orleans__ServiceId", "ConnectionStrings__Kasse", "Privacy__PseudonymKey", "EinmalPin__ServerSecret" })
            Assert.Single(environments.Select(e => e[key]?.ToString()).Distinct());
        Assert.Contains("Username=kasse_app", environments[0]["ConnectionStrings__Kasse"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("false", environments[0]["Database__MigrateOnStart"]);

        var addresses = Silos.Select(s => Service(s).Text("environment", "Orleans__AdvertisedIPAddress")).ToList();
        Assert.Equal(3, addresses.Distinct().Count());
        foreach (var silo in Silos)
        {
            var advertised = Service(silo).Text("environment", "Orleans__AdvertisedIPAddress");
            Assert.Equal(advertised, Service(silo).Text("networks", "kasse", "ipv4_address"));
        }
        var subnet = Compose.Items("networks", "kasse", "ipam", "config").Single().Text("subnet")!;
        Assert.All(addresses, a => Assert.StartsWith(subnet[..subnet.LastIndexOf('.')], a, StringComparison.Ordinal));
        // The load balancer is the proxy whose forwarded headers the silos believe.
        Assert.Equal(Service("lb").Text("networks", "kasse", "ipv4_address"), environments[0]["Http__KnownProxies__0"]);
    }

    [Fact]
    public void Compose_migrate_step_signs_in_as_the_schema_owner_and_grants_the_application_role()
    {
        var migrate = Service("migrate").Map("environment");
        Assert.Contains("Username=kasse_owner", migrate["ConnectionStrings__Kasse"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("kasse_app", migrate["Database__ApplicationRole"]);
        var init = File.ReadAllText(Path.Combine(DeployDirectory, "compose", "postgres-init.sh"));
        Assert.Contains("CREATE ROLE kasse_owner", init, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE kasse_app", init, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE kasse OWNER kasse_owner", init, StringComparison.Ordinal);
        Assert.Contains(Service("postgres").Items("volumes"), v => v!.ToString()!.StartsWith("./compose/postgres-init.sh:/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_load_balancer_passes_websocket_upgrades_to_all_three_silos_with_long_timeouts()
    {
        var volume = Service("lb").Items("volumes").Single()!.ToString()!;
        var config = File.ReadAllText(Path.Combine(DeployDirectory, volume.Split(':')[0]));
        foreach (var silo in Silos)
            Assert.Contains($"server {Service(silo).Text("networks", "kasse", "ipv4_address")}:8080", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_http_version 1.1;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 3600s;", config, StringComparison.Ordinal);
        Assert.DoesNotContain("ip_hash", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_file_only_refers_to_secrets_kept_in_an_env_file_git_ignores()
    {
        foreach (var (name, service) in Compose.Map("services"))
        {
            foreach (var (key, value) in service.Map("environment"))
            {
                var text = value?.ToString() ?? "";
                if (key.Contains("ConnectionStrings__", StringComparison.Ordinal))
                    Assert.Matches(PasswordReference(), text);
                else if (SecretSettings.IsSecret(key))
                    Assert.True(VariableReference().IsMatch(text), $"{name}: {key} is not a ${{VARIABLE}} reference");
            }
        }
        var example = File.ReadAllLines(Path.Combine(DeployDirectory, "compose", "secrets.env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var referenced = VariableName().Matches(File.ReadAllText(Path.Combine(DeployDirectory, "compose.yaml")))
            .Select(m => m.Groups[1].Value)
            .Where(v => v.Contains("PASSWORD", StringComparison.Ordinal) || v.EndsWith("_KEY", StringComparison.Ordinal) || v.EndsWith("_SECRET", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(referenced);
        Assert.All(referenced, v => Assert.Equal("CHANGE_ME", example[v]));
        Assert.Contains("deploy/.env", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")));
    }

    private static object Service(string name) => Compose.At("services", name) ?? throw new KeyNotFoundException(name);

    [GeneratedRegex(@"Password=\$\{[A-Z_]+(:\?[^}]*)?\}(;|$)")]
    private static partial Regex PasswordReference();

    [GeneratedRegex(@"^\$\{[A-Z_]+(:\?[^}]*)?\}$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\$\{([A-Z_]+)")]
    private static partial Regex VariableName();
}
