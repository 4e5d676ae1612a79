using System.Diagnostics;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Cluster;

/// <summary>The watchdog the tests start silo processes and PostgreSQL under: the child ends with the test process.</summary>
public sealed class ParentPipeWatchdogTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_child_is_killed_and_its_directory_removed_when_the_pipe_from_the_test_process_closes()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"kasse-watchdog-{Guid.NewGuid():N}"));
        var pidFile = Path.Combine(dir.FullName, "child.pid");
        using var watchdog = Process.Start(ParentPipeWatchdog.StartInfo(["bash", "-c", $"echo $$ > {pidFile}; exec sleep 600"], "KILL", dir.FullName))!;
        var child = await Eventually.ReturnsAsync(
            async () => int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture),
            pid => PostgresServer.IsRunning(pid), Wait, "child started");

        // What the kernel does to the pipe when the test process is killed.
        watchdog.StandardInput.Close();

        await Eventually.ReturnsAsync(() => Task.FromResult(PostgresServer.IsRunning(child)), running => !running, Wait, "child killed");
        using var timeout = new CancellationTokenSource(TestTimeouts.ForEvent(Wait));
        await watchdog.WaitForExitAsync(timeout.Token);
        Assert.False(Directory.Exists(dir.FullName));
    }

    [Fact]
    public async Task The_child_is_killed_when_the_watchdog_itself_is_killed()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"kasse-watchdog-{Guid.NewGuid():N}.pid");
        using var watchdog = Process.Start(ParentPipeWatchdog.StartInfo(["bash", "-c", $"echo $$ > {pidFile}; exec sleep 600"], "KILL"))!;
        try
        {
            var child = await Eventually.ReturnsAsync(
                async () => int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture),
                pid => PostgresServer.IsRunning(pid), Wait, "child started");

            // As a test runner that kills the test host's process tree from the top might: the watchdog goes first.
            watchdog.Kill();

            await Eventually.ReturnsAsync(() => Task.FromResult(PostgresServer.IsRunning(child)), running => !running, Wait, "child killed");
        }
        finally
        {
            watchdog.StandardInput.Close();
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task The_watchdog_ends_with_the_childs_exit_code_when_the_child_ends_on_its_own()
    {
        using var watchdog = Process.Start(ParentPipeWatchdog.StartInfo(["bash", "-c", "exit 7"], "KILL"))!;
        using var timeout = new CancellationTokenSource(TestTimeouts.ForEvent(Wait));

        await watchdog.WaitForExitAsync(timeout.Token);

        Assert.Equal(7, watchdog.ExitCode);
    }
}
