using System.Runtime.InteropServices;

namespace Kasse.Bench.Clients;

/// <summary>
/// The process's open-file limit (<c>RLIMIT_NOFILE</c>). Every WebSocket costs one descriptor on each end, and an
/// in-process run holds both ends, so large runs raise the limit for themselves (and for child processes, which inherit
/// it). Raising the hard limit needs root (CAP_SYS_RESOURCE); otherwise only the soft limit goes up to the hard one.
/// </summary>
public static partial class FileDescriptorLimit
{
    private const int RlimitNofile = 7;

    /// <summary>Raises the limit to at least <paramref name="wanted"/> where allowed; returns (before, after) soft limits.</summary>
    public static (ulong Before, ulong After) EnsureAtLeast(ulong wanted)
    {
        if (!OperatingSystem.IsLinux())
            return (0, 0);
        if (NativeMethods.GetRLimit(RlimitNofile, out var limit) != 0)
            return (0, 0);
        var before = limit.Current;
        if (limit.Current >= wanted)
            return (before, before);
        var raised = new RLimit { Current = wanted, Maximum = Math.Max(limit.Maximum, wanted) };
        if (NativeMethods.SetRLimit(RlimitNofile, ref raised) != 0)
        {
            // Not allowed above the hard limit: take what there is.
            raised = new RLimit { Current = limit.Maximum, Maximum = limit.Maximum };
            _ = NativeMethods.SetRLimit(RlimitNofile, ref raised);
        }
        _ = NativeMethods.GetRLimit(RlimitNofile, out limit);
        if (limit.Current != before)
            Console.Error.WriteLine($"open-file limit raised from {before} to {limit.Current} (wanted {wanted})");
        if (limit.Current < wanted)
            Console.Error.WriteLine($"warning: open-file limit is {limit.Current}, below the {wanted} this run needs");
        return (before, limit.Current);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
        public static partial int GetRLimit(int resource, out RLimit limit);

        [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
        public static partial int SetRLimit(int resource, ref RLimit limit);
    }
}
