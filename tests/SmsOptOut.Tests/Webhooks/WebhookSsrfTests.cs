using System.Net;
using System.Net.Sockets;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tests.Webhooks;

public class WebhookSsrfTests
{
    public static TheoryData<string, string> RefusedUrls() => new()
    {
        { "http://hooks.example.com/optout", "https" },
        { "ftp://hooks.example.com/optout", "https" },
        { "https://127.0.0.1/hook", "loopback" },
        { "https://localhost/hook", "loopback" },
        { "https://[::1]/hook", "loopback" },
        { "https://10.0.0.5/hook", "private" },
        { "https://172.16.3.4/hook", "private" },
        { "https://192.168.1.1/hook", "private" },
        { "https://100.64.0.1/hook", "carrier-grade NAT" },
        { "https://169.254.169.254/latest/meta-data/", "metadata" },
        { "https://metadata.google.internal/computeMetadata/v1/", "metadata" },
        { "https://[fd00:ec2::254]/latest/meta-data/", "unique local" },
        { "https://[fe80::1]/hook", "link-local" },
        { "https://[fc00::1]/hook", "unique local" },
        { "https://224.0.0.1/hook", "multicast" },
        { "https://[ff02::1]/hook", "multicast" },
        { "https://240.0.0.1/hook", "reserved" },
        { "https://255.255.255.255/hook", "reserved" },
        { "https://0.0.0.0/hook", "this network" },
        { "https://198.18.0.1/hook", "benchmarking" },
        { "https://2130706433/hook", "obscure form" },
        { "https://0x7f000001/hook", "obscure form" },
        { "https://0x7f.0.0.1/hook", "obscure form" },
        { "https://0177.0.0.1/hook", "obscure form" },
        { "https://127.1/hook", "obscure form" },
        { "https://user:pass@hooks.example.com/hook", "user info" },
        { "https://hooks.example.com@127.0.0.1/hook", "user info" },
        { "https://[::ffff:127.0.0.1]/hook", "loopback" },
        { "https://[::ffff:a00:1]/hook", "private" },
        { "https://[64:ff9b::7f00:1]/hook", "loopback" },
        { "https://[2002:c0a8:101::1]/hook", "private" },
        { "https://internal.corp/hook", "private" },
        { "https://mixed.example/hook", "private" },
        { "https://hooks.example.com/hook#frag", "fragment" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task Unsafe_callback_urls_are_refused_with_the_reason(string url, string reason)
    {
        await using var host = new WebhookHost(null, o => o.DangerouslyAllowLoopbackAndHttpForTesting = false);
        host.Dns.Answer("localhost", "127.0.0.1")
            .Answer("metadata.google.internal", "169.254.169.254")
            .Answer("internal.corp", "10.1.2.3")
            .Answer("mixed.example", "93.184.216.34", "10.0.0.1");

        var check = await host.Dispatcher.ValidateEndpointAsync(new Uri(url));

        check.IsAllowed.Should().BeFalse();
        check.Reason.Should().Contain(reason);
    }

    [Fact]
    public async Task A_public_https_endpoint_is_allowed()
    {
        await using var host = new WebhookHost(null, o => o.DangerouslyAllowLoopbackAndHttpForTesting = false);
        host.Dns.Answer("hooks.example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");

        (await host.Dispatcher.ValidateEndpointAsync(new Uri("https://hooks.example.com/optout"))).Should().Be(WebhookEndpointCheck.Allowed);
        (await host.Dispatcher.ValidateEndpointAsync(new Uri("https://93.184.216.34/optout"))).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task Loopback_and_http_need_the_dangerous_option_and_private_ranges_stay_refused_with_it()
    {
        await using var strict = new WebhookHost(null, o => o.DangerouslyAllowLoopbackAndHttpForTesting = false);
        await using var dev = new WebhookHost(null);

        (await strict.Dispatcher.ValidateEndpointAsync(new Uri("http://127.0.0.1:5000/hook"))).IsAllowed.Should().BeFalse();
        (await dev.Dispatcher.ValidateEndpointAsync(new Uri("http://127.0.0.1:5000/hook"))).IsAllowed.Should().BeTrue();
        (await dev.Dispatcher.ValidateEndpointAsync(new Uri("http://10.0.0.1/hook"))).IsAllowed.Should().BeFalse();
        (await dev.Dispatcher.ValidateEndpointAsync(new Uri("http://169.254.169.254/hook"))).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public async Task A_host_that_rebinds_to_loopback_at_connect_time_gets_no_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var url = new Uri($"https://rebind.example:{port}/hook");
        var dns = new FakeDns().Answer("rebind.example", "93.184.216.34").Answer("rebind.example", "127.0.0.1");
        await using var host = new WebhookHost(url, o => o.DangerouslyAllowLoopbackAndHttpForTesting = false, dns: dns);

        (await host.Dispatcher.ValidateEndpointAsync(url)).IsAllowed.Should().BeTrue("the first answer is public");
        await host.OptOutAsync();
        (await host.Dispatcher.DispatchDueAsync()).Should().Be(1);

        var message = await host.SingleMessageAsync();
        message.State.Should().Be(OutboxMessageState.DeadLettered, "a refused address is not retried");
        message.LastError.Should().Contain("rebind.example resolves to 127.0.0.1 is a loopback address");
        dns.Lookups.Should().Be(2, "the connection resolved the host again instead of trusting the first answer");
        // A completed TCP handshake waits in the listener's accept queue: nothing is queued, so nothing connected.
        listener.Pending().Should().BeFalse();
    }
}
