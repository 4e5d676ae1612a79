using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Loopback ports for servers that another process (or a later bind) opens. Binding port 0 and handing the number on
/// is racy: the kernel takes that port from its ephemeral range, which every outgoing connection of this busy process
/// also draws its source port from, so between the pick and the server's bind an outgoing connection may take it
/// ("address already in use"). These ports come from just below the ephemeral range instead, where the kernel never
/// assigns source ports; each is checked free by binding it, and each is handed out once per process.
/// </summary>
public static class FreePorts
{
    private const int Span = 12_000;
    private static readonly int Lowest = EphemeralRangeStart() - Span;
    // A random start, so two processes (the suite and a benchmark) rarely walk the same numbers.
    private static int _next = Random.Shared.Next(Span);

    public static int Next()
    {
        for (var attempt = 0; attempt < Span; attempt++)
        {
            var port = Lowest + (Interlocked.Increment(ref _next) % Span);
            if (IsFree(port))
                return port;
        }
        throw new InvalidOperationException($"No free loopback port in {Lowest}–{Lowest + Span - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 on Linux by default).</summary>
    private static int EphemeralRangeStart()
    {
        const int linuxDefault = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var start = int.Parse(range[0], CultureInfo.InvariantCulture);
            return start > Span + 1024 ? start : linuxDefault;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return linuxDefault;
        }
    }
}
