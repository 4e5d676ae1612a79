using System.Diagnostics;

namespace Kasse.Bench.Clients;

/// <summary>Ends a child of this tool that reads commands from its stdin (<c>server-child</c>, <c>plain-echo-server</c>).</summary>
internal static class ChildProcessStop
{
    /// <summary>Says <c>exit</c>, closes its stdin and waits up to <paramref name="wait"/>; kills it if it does not go.</summary>
    public static async Task StopAsync(Process process, TimeSpan wait)
    {
        try
        {
            await process.StandardInput.WriteLineAsync("exit");
            await process.StandardInput.FlushAsync();
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(wait);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
