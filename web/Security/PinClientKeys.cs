using System.Net;
using System.Net.Sockets;

namespace Kasse.Web.Security;

/// <summary>
/// The client key the EinmalPIN throttle counts by: an IPv4 address whole (/32), an IPv6 address by its /64 prefix
/// (one subscriber's network; the host part is theirs to change at will). Behind a trusted proxy the forwarded address.
/// </summary>
public static class PinClientKeys
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
