using System.Diagnostics;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Deploy;

/// <summary>Runs a command to its end (with a bound) and returns its exit code and output, for tool calls in tests.</summary>
public static class CommandRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IReadOnlyList<string> command, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in command.Skip(1))
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TestTimeouts.Scaled(timeout));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} did not end within {timeout}:\n{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
