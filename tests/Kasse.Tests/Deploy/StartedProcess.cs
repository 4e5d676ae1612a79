using System.Collections.Concurrent;
using System.Diagnostics;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Deploy;

/// <summary>A command running under a <see cref="ParentPipeWatchdog"/> with its output kept; killed on dispose.</summary>
public sealed class StartedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private StartedProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output.TakeLast(100));

    public static StartedProcess Start(IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = ParentPipeWatchdog.StartInfo(command, "KILL");
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = workingDirectory;
        // Only what the test gives: an address from the test host's own settings would override the image's port.
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var started = new StartedProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {command[0]}"));
        started._process.OutputDataReceived += (_, e) => started.Record(e.Data);
        started._process.ErrorDataReceived += (_, e) => started.Record(e.Data);
        started._process.BeginOutputReadLine();
        started._process.BeginErrorReadLine();
        return started;
    }

    public void ThrowIfExited()
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"exited with {_process.ExitCode}:\n{Output}");
    }

    private void Record(string? line)
    {
        if (line is not null)
            _output.Enqueue(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
