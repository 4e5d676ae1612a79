using System.Diagnostics;
using System.Reflection;

namespace Kasse.Bench.Clients;

/// <summary>Starts this tool again in one of its hidden modes (a client or server half of a scenario).</summary>
internal static class BenchChildProcess
{
    /// <summary>
    /// The same executable (or <c>dotnet</c> with this assembly) with <paramref name="arguments"/>; stdout redirected for
    /// the line protocol, stderr shared with this process for the child's progress; <paramref name="environment"/> adds
    /// variables only the child sees (runtime settings such as a GC limit).
    /// </summary>
    public static Process Start(
        IEnumerable<string> arguments, bool redirectStandardInput = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = redirectStandardInput,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start '{info.ArgumentList.Last()}'");
    }
}
