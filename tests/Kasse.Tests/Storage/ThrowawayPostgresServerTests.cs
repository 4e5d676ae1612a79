using System.Diagnostics;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Storage;

/// <summary>The tests' throwaway PostgreSQL servers never outlive the test run, and what an earlier run left is swept.</summary>
public sealed class ThrowawayPostgresServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_server_stops_and_its_data_dir_goes_when_the_pipe_from_the_test_process_closes()
    {
        var server = await PostgresServer.StartAsync();
        try
        {
            var postmaster = PostgresServer.PostmasterProcessId(server.DataDir)!.Value;
            Assert.True(PostgresServer.IsRunning(postmaster));

            // What the kernel does to the pipe when the test process is killed.
            server.CloseWatchdogPipe();

            await Eventually.ReturnsAsync(
                () => Task.FromResult(!PostgresServer.IsRunning(postmaster) && !Directory.Exists(server.DataDir)),
                gone => gone, Wait, "server stopped and data dir removed");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_data_dir_of_a_test_process_that_is_gone_is_swept_and_its_server_stopped()
    {
        var gone = GoneProcessId();
        var leftover = await PostgresServer.StartDetachedAsync(gone);
        var postmaster = PostgresServer.PostmasterProcessId(leftover.DataDir)!.Value;
        var emptyLeftover = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{PostgresServer.DataDirPrefix}{gone}-{Guid.NewGuid():N}"));
        var ours = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{PostgresServer.DataDirPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        try
        {
            Assert.True(PostgresServer.IsRunning(postmaster));

            await PostgresServer.SweepStaleDataDirsAsync();

            await Eventually.ReturnsAsync(() => Task.FromResult(PostgresServer.IsRunning(postmaster)), running => !running, Wait, "leftover server stopped");
            Assert.False(Directory.Exists(leftover.DataDir));
            Assert.False(Directory.Exists(emptyLeftover.FullName));
            Assert.True(Directory.Exists(ours.FullName), "the dir of a running test process stays");
        }
        finally
        {
            ours.Delete(recursive: true);
            if (Directory.Exists(leftover.DataDir))
                await leftover.StopDetachedAsync();
        }
    }

    /// <summary>The id of a process that has ended.</summary>
    private static int GoneProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true")) ?? throw new InvalidOperationException("could not start true");
        process.WaitForExit();
        return process.Id;
    }
}
