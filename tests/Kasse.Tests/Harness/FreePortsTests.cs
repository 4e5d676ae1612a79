using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Harness;

/// <summary>The ports handed to other processes lie outside the range outgoing connections draw from.</summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Ports_lie_below_the_ephemeral_range_and_can_be_bound()
    {
        var ephemeralStart = int.Parse(
            File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0],
            CultureInfo.InvariantCulture);
        var ports = Enumerable.Range(0, 50).Select(_ => FreePorts.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralStart - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }

    [Fact]
    public void A_port_in_use_is_skipped()
    {
        var taken = new List<TcpListener>();
        try
        {
            // Take the next few ports the picker would consider, then ask: it must not hand out one of them.
            var probe = FreePorts.Next();
            for (var port = probe + 1; port <= probe + 5; port++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    taken.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose();
                }
            }
            var next = FreePorts.Next();
            Assert.DoesNotContain(next, taken.Select(l => ((IPEndPoint)l.LocalEndpoint).Port));
        }
        finally
        {
            foreach (var listener in taken)
                listener.Dispose();
        }
    }
}
