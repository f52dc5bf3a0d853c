using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Tests.Support;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Who reaches a dashboard without an authorization policy, over real Kestrel with YARP in front on this machine (so
/// every proxied request arrives from 127.0.0.1), and over a Unix socket (no remote address at all). Outside Development
/// such a dashboard does not start; in Development it answers only requests provably from this machine.
/// </summary>
public sealed class DashboardAccessTests
{
    private const string Visitor = "203.0.113.9";

    [Fact]
    public async Task Behind_a_proxy_that_sends_X_Forwarded_For_to_an_app_without_UseForwardedHeaders_the_anonymous_are_refused()
    {
        await using var host = await StartAsync(Environments.Development, forwarded: null);
        await using var proxy = await ReverseProxy.StartAsync(host.BaseAddress, forwardedHeaders: true);
        using var visitor = proxy.Client(from: Visitor);
        using var localThroughProxy = proxy.Client();

        var remote = await visitor.GetAsync("/admin/?account=acme");
        var local = await localThroughProxy.GetAsync("/admin/?account=acme");
        var direct = await host.Client.GetAsync("/admin/?account=acme");

        remote.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the app sees the proxy's 127.0.0.1, but the proxy says who its client was");
        (await remote.Content.ReadAsStringAsync()).Should().Contain("X-Forwarded-").And.Contain("did not process").And.Contain("UseForwardedHeaders()").And.Contain(".RequireAuthorization(");
        local.StatusCode.Should().Be(HttpStatusCode.Forbidden, "with the header unprocessed, the app cannot know the client is local");
        direct.StatusCode.Should().Be(HttpStatusCode.OK, "a request from this machine without a proxy is answered in Development");
        host.Logs.GetSnapshot().Where(r => r.Id.Id == 2005).Should().HaveCount(2).And.OnlyContain(r => r.Level == LogLevel.Warning && r.Message.Contains("did not process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_UseForwardedHeaders_and_the_proxy_known_the_client_address_is_the_real_one()
    {
        await using var host = await StartAsync(Environments.Development, forwarded: _ => { }); // KnownProxies: loopback, the default
        await using var proxy = await ReverseProxy.StartAsync(host.BaseAddress, forwardedHeaders: true);
        using var visitor = proxy.Client(from: Visitor);
        using var local = proxy.Client();

        var remote = await visitor.GetAsync("/admin/?account=acme");
        var fromThisMachine = await local.GetAsync("/admin/?account=acme");

        remote.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await remote.Content.ReadAsStringAsync()).Should().Contain("it comes from another machine");
        host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 2005).Which.Message.Should().Contain(Visitor, "the log names the real client, not the proxy");
        fromThisMachine.StatusCode.Should().Be(HttpStatusCode.OK, "through the proxy, a client on this machine is known to be local");
    }

    [Fact]
    public async Task With_UseForwardedHeaders_but_a_proxy_it_does_not_trust_the_headers_stay_unprocessed_and_the_anonymous_are_refused()
    {
        // Clearing both lists would trust every proxy (ASP.NET Core's rule); a list that names another proxy trusts this one not.
        await using var host = await StartAsync(Environments.Development, forwarded: o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Add(IPAddress.Parse("192.0.2.10"));
        });
        await using var proxy = await ReverseProxy.StartAsync(host.BaseAddress, forwardedHeaders: true);
        using var local = proxy.Client();

        var response = await local.GetAsync("/admin/?account=acme");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("did not process").And.Contain("KnownProxies");
    }

    [Fact]
    public async Task Outside_Development_a_dashboard_without_a_policy_does_not_start_and_says_how_to_add_one()
    {
        var start = () => StartAsync(Environments.Production, forwarded: null);

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("MapSmsOptOutDashboard(\"/admin\") has no authorization policy and the environment is Production, not Development*.RequireAuthorization(\"your-policy\")*AddPolicy*DangerouslyAllowAnonymousLocalAccessOutsideDevelopment*");
    }

    [Fact]
    public async Task A_proxy_that_adds_no_header_looks_local_so_outside_Development_only_a_policy_protects_the_dashboard()
    {
        await using var host = await StartAsync(Environments.Production, forwarded: null, policy: true);
        await using var proxy = await ReverseProxy.StartAsync(host.BaseAddress, forwardedHeaders: false);
        using var anonymous = proxy.Client(from: Visitor);
        using var signedIn = proxy.Client(from: Visitor, user: "agent.smith");

        var refused = await anonymous.GetAsync("/admin/?account=acme");
        var answered = await signedIn.GetAsync("/admin/?account=acme");

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "with a policy, authorization decides, whatever address the request comes from");
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_explicit_opt_in_takes_a_header_less_proxy_for_a_local_user_which_is_why_it_is_named_dangerously()
    {
        await using var host = await StartAsync(Environments.Production, forwarded: null, optIn: true);
        await using var bare = await ReverseProxy.StartAsync(host.BaseAddress, forwardedHeaders: false);
        await using var forwarding = await ReverseProxy.StartAsync(host.BaseAddress, forwardedHeaders: true);
        using var throughBare = bare.Client(from: Visitor);
        using var throughForwarding = forwarding.Client(from: Visitor);

        var open = await throughBare.GetAsync("/admin/?account=acme");
        var refused = await throughForwarding.GetAsync("/admin/?account=acme");

        open.StatusCode.Should().Be(HttpStatusCode.OK, "nothing tells a header-less proxy on 127.0.0.1 from a local user: the danger the option's name states");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a proxy that says who its client was is still refused");
        host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 2010).Which.Message.Should().Contain("DangerouslyAllowAnonymousLocalAccessOutsideDevelopment");
    }

    [Fact]
    public async Task On_a_Unix_socket_there_is_no_remote_address_and_unknown_is_not_local()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"smsoptout-{Guid.NewGuid():N}.sock");
        try
        {
            await using var host = await StartAsync(Environments.Development, forwarded: null, policy: false, unixSocket: socket, securePrefix: "/secure");
            using var client = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(s, ownsSocket: true);
                },
            }) { BaseAddress = new Uri("http://localhost/") };

            var anonymous = await client.GetAsync("/admin/?account=acme");
            var withPolicy = await client.GetAsync("/secure/?account=acme");
            using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/secure/?account=acme");
            signedIn.Headers.Add(DashboardHost.UserHeader, "agent.smith");
            var answered = await client.SendAsync(signedIn);

            anonymous.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await anonymous.Content.ReadAsStringAsync()).Should().Contain("no remote address").And.Contain("unknown client is not a local one");
            host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 2005).Which.Message.Should().Contain("an unknown address");
            withPolicy.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            answered.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(socket);
        }
    }

    [Fact]
    public async Task Mapped_inside_a_group_a_policy_on_the_group_counts_and_without_one_every_request_is_refused()
    {
        await using var host = await LandingHost.StartAsync(environment: Environments.Production, services: DashboardHost.AddTestSignIn, pipeline: app =>
        {
            app.MapGroup("/ops").RequireAuthorization().MapSmsOptOutDashboard("/admin", o => o.Accounts.Add(LandingHost.Account));
            app.MapGroup("/open").MapSmsOptOutDashboard("/admin", o => o.Accounts.Add(LandingHost.Account));
        });

        var protectedByGroup = await host.Client.GetAsync("/ops/admin/?account=acme");
        var closed = await host.Client.GetAsync("/open/admin/?account=acme");

        protectedByGroup.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the outer group's policy is seen by the dashboard's last convention");
        closed.StatusCode.Should().Be(HttpStatusCode.Forbidden, "inside a group the start-up check cannot run, so the endpoint is closed instead");
        (await closed.Content.ReadAsStringAsync()).Should().Contain("outside Development it answers nobody").And.Contain(".RequireAuthorization(");
        host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 2009).Which.Level.Should().Be(LogLevel.Error);
    }

    [Fact]
    public async Task AllowAnonymous_cancels_the_policy_so_outside_Development_the_app_does_not_start()
    {
        var start = () => LandingHost.StartAsync(environment: Environments.Production, services: DashboardHost.AddTestSignIn,
            pipeline: app => app.MapSmsOptOutDashboard("/admin", o => o.Accounts.Add(LandingHost.Account)).RequireAuthorization().AllowAnonymous());

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*has no authorization policy*");
    }

    /// <summary>
    /// A host with the dashboard at <c>/admin</c> (no policy, or one with <paramref name="policy"/>) and, with
    /// <paramref name="securePrefix"/>, a second one behind a policy; <paramref name="forwarded"/> configures
    /// <c>UseForwardedHeaders()</c> for every forwarded header (null: not called).
    /// </summary>
    private static Task<LandingHost> StartAsync(string environment, Action<ForwardedHeadersOptions>? forwarded, bool policy = false, bool optIn = false,
        string? unixSocket = null, string? securePrefix = null) =>
        LandingHost.StartAsync(
            environment: environment,
            services: DashboardHost.AddTestSignIn,
            webHost: unixSocket is null ? null : web => web.ConfigureKestrel(k => k.ListenUnixSocket(unixSocket)),
            pipeline: app =>
            {
                if (forwarded is not null)
                {
                    var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All };
                    forwarded(options);
                    app.UseForwardedHeaders(options);
                }

                app.UseAuthentication();
                app.UseAuthorization();
                var dashboard = app.MapSmsOptOutDashboard("/admin", o =>
                {
                    o.Accounts.Add(LandingHost.Account);
                    o.DangerouslyAllowAnonymousLocalAccessOutsideDevelopment = optIn;
                });
                if (policy)
                {
                    dashboard.RequireAuthorization();
                }

                if (securePrefix is not null)
                {
                    app.MapSmsOptOutDashboard(securePrefix, o => o.Accounts.Add(LandingHost.Account)).RequireAuthorization();
                }
            });
}
