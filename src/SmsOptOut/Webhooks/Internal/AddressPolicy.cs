using System.Net;
using System.Net.Sockets;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// Which IP addresses webhooks may connect to: public unicast only. Refused: loopback, private (RFC 1918, ULA),
/// CGNAT, link-local (including cloud metadata at 169.254.169.254 and fd00:ec2::254), multicast, documentation,
/// benchmarking, reserved and unspecified ranges, and IPv6 forms that embed a refused IPv4 address (mapped, NAT64, 6to4).
/// </summary>
internal static class AddressPolicy
{
    private static readonly (IPAddress Network, int Prefix, string Name)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "this network"),
        (IPAddress.Parse("10.0.0.0"), 8, "private (RFC 1918)"),
        (IPAddress.Parse("100.64.0.0"), 10, "carrier-grade NAT"),
        (IPAddress.Parse("127.0.0.0"), 8, "loopback"),
        (IPAddress.Parse("169.254.0.0"), 16, "link-local / cloud metadata"),
        (IPAddress.Parse("172.16.0.0"), 12, "private (RFC 1918)"),
        (IPAddress.Parse("192.0.0.0"), 24, "IETF protocol assignments"),
        (IPAddress.Parse("192.0.2.0"), 24, "documentation"),
        (IPAddress.Parse("192.88.99.0"), 24, "6to4 relay"),
        (IPAddress.Parse("192.168.0.0"), 16, "private (RFC 1918)"),
        (IPAddress.Parse("198.18.0.0"), 15, "benchmarking"),
        (IPAddress.Parse("198.51.100.0"), 24, "documentation"),
        (IPAddress.Parse("203.0.113.0"), 24, "documentation"),
        (IPAddress.Parse("224.0.0.0"), 4, "multicast"),
        (IPAddress.Parse("240.0.0.0"), 4, "reserved / broadcast"),
    ];

    private static readonly (IPAddress Network, int Prefix, string Name)[] RefusedV6 =
    [
        (IPAddress.Parse("::"), 128, "unspecified"),
        (IPAddress.Parse("::1"), 128, "loopback"),
        (IPAddress.Parse("100::"), 64, "discard"),
        (IPAddress.Parse("2001::"), 23, "IETF protocol assignments"),
        (IPAddress.Parse("2001:db8::"), 32, "documentation"),
        (IPAddress.Parse("fc00::"), 7, "unique local (private)"),
        (IPAddress.Parse("fe80::"), 10, "link-local"),
        (IPAddress.Parse("fec0::"), 10, "site-local"),
        (IPAddress.Parse("ff00::"), 8, "multicast"),
    ];

    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress SixToFour = IPAddress.Parse("2002::");

    /// <summary>Why <paramref name="address"/> is refused, or <see langword="null"/> when webhooks may connect to it.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        var ip = Unwrap(address);
        if (allowLoopback && IPAddress.IsLoopback(ip))
        {
            return null;
        }

        foreach (var (network, prefix, name) in ip.AddressFamily == AddressFamily.InterNetwork ? RefusedV4 : RefusedV6)
        {
            if (InRange(ip, network, prefix))
            {
                return $"{ip} is a {name} address";
            }
        }

        return null;
    }

    /// <summary>The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address; the address itself otherwise.</summary>
    public static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (InRange(address, Nat64, 96))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (InRange(address, SixToFour, 16))
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }

        // IPv4-compatible (deprecated ::a.b.c.d, not :: or ::1).
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address;
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var full = prefix / 8;
        if (!a.AsSpan(0, full).SequenceEqual(n.AsSpan(0, full)))
        {
            return false;
        }

        var rest = prefix % 8;
        return rest == 0 || (a[full] >> (8 - rest)) == (n[full] >> (8 - rest));
    }
}
