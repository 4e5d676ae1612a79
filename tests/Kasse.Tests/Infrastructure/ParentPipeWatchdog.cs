using System.Diagnostics;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Starts a child process that cannot outlive the test process, even when the test process is killed with SIGKILL:
/// a small shell script runs the command and reads its own standard input, a pipe from the test process. When that
/// pipe reaches end of file (the test process closed it, exited or died: the kernel closes it either way), the script
/// sends the command the given signal, waits for it to end, and removes a directory if one is given. The script runs
/// in a session of its own (<c>setsid</c>), so a Ctrl+C meant for the test run does not stop it before it has cleaned up.
/// Should the script itself be killed (a test runner killing the test host's whole process tree), the command gets the
/// same signal as its parent-death signal (<c>setpriv --pdeathsig</c>), and a detached janitor outside the test host's
/// process tree removes the directory once the command has ended.
/// </summary>
public static class ParentPipeWatchdog
{
    // $1 signal on end of file, $2 directory to remove afterwards ("" for none), $3 log file ("" keeps the output on
    // the watchdog's own stdout/stderr), $4… the command. fd 3 keeps the pipe for the reader; the command gets
    // /dev/null as stdin and never holds the pipe, and the signal as its parent-death signal.
    private const string Script = """
        sig=$1; dir=$2; log=$3; shift 3
        if [ -n "$log" ]; then exec >>"$log" 2>&1; fi
        exec 3<&0 </dev/null
        if command -v setpriv >/dev/null; then set -- setpriv --pdeathsig "$sig" -- "$@"; fi
        "$@" 3<&- &
        child=$!
        if [ -n "$dir" ]; then
          setsid -f bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; rm -rf -- "$2"' janitor "$child" "$dir" </dev/null >/dev/null 2>&1
        fi
        { while read -r _ <&3; do :; done; kill -"$sig" "$child" 2>/dev/null; } &
        reader=$!
        exec 3<&-
        wait "$child"; status=$?
        kill "$reader" 2>/dev/null
        if [ -n "$dir" ]; then rm -rf -- "$dir"; fi
        exit $status
        """;

    /// <summary>
    /// The start info for <paramref name="command"/> under the watchdog, run as <paramref name="runAsUser"/> when
    /// given (via <c>runuser</c>, for PostgreSQL when the tests run as root). Standard input is redirected: keep the
    /// process's <see cref="Process.StandardInput"/> open while the command may run, close it to stop the command.
    /// </summary>
    public static ProcessStartInfo StartInfo(
        IReadOnlyList<string> command, string signal, string? removeDirectory = null, string? logFile = null, string? runAsUser = null)
    {
        var info = new ProcessStartInfo("setsid") { RedirectStandardInput = true };
        info.ArgumentList.Add("--wait");
        if (runAsUser is not null)
        {
            foreach (var argument in new[] { "runuser", "-u", runAsUser, "--" })
                info.ArgumentList.Add(argument);
        }
        foreach (var argument in new[] { "bash", "-c", Script, "kasse-watchdog", signal, removeDirectory ?? "", logFile ?? "" })
            info.ArgumentList.Add(argument);
        foreach (var argument in command)
            info.ArgumentList.Add(argument);
        return info;
    }
}
