using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Testing;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>
/// The send discipline of a provider's transport, against a local stub of its API: a message is retried only when the
/// provider provably created nothing, and a timeout or a 5xx after the request left is unknown and never retried, so no
/// person is texted twice.
/// </summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite]
public abstract class ProviderTransportTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    private static readonly PhoneNumber To = PhoneNumber.Parse("+14155552671");

    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    [Fact]
    public virtual async Task A_message_the_provider_accepts_is_sent_with_its_id()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(Fixture.Sent);

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hello & welcome: 20% off") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Sent);
        result.ProviderMessageId.Should().Be(Fixture.SentId);
        result.ProviderName.Should().Be(Fixture.Name);
        host.Api.Requests.Should().ContainSingle();
    }

    [Fact]
    public virtual async Task A_message_from_a_short_code_or_sender_id_goes_out_from_it()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(Fixture.Sent);

        var fromShortCode = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { From = SenderAddress.ShortCode("12345", "US"), Account = ProviderHost.Account });
        var fromSenderId = await host.Transport.SendAsync(new SmsMessage(PhoneNumber.Parse("+447700900123"), "Hi") { From = SenderAddress.Alphanumeric("ACMESHOP"), Account = ProviderHost.Account });

        fromShortCode.Status.Should().Be(SmsSendStatus.Sent);
        host.Api.Requests.Should().HaveCountGreaterThanOrEqualTo(1);
        System.Text.Encoding.UTF8.GetString(host.Api.Requests.First().Body).Should().Contain("12345").And.NotContain("US:12345", "the provider gets the short code's digits");
        if (fromSenderId.Status == SmsSendStatus.Sent)
        {
            System.Text.Encoding.UTF8.GetString(host.Api.Requests.Last().Body).Should().Contain("ACMESHOP");
        }
        else
        {
            fromSenderId.ErrorMessage.Should().Contain("ACMESHOP", "a provider that cannot send from a sender ID says why");
        }
    }

    [Theory]
    [InlineData("ACME", "+14155552671", "North America")]
    [InlineData("US:12345", "+447700900123", "short code reaches only numbers of its own country (US)")]
    [InlineData("CA:123456", "+14155552671", "(CA)")]
    public virtual async Task A_sender_that_cannot_reach_the_recipient_fails_with_the_reason_before_anything_is_sent(string from, string recipient, string reason)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(Fixture.Sent);

        var result = await host.Transport.SendAsync(new SmsMessage(PhoneNumber.Parse(recipient), "Hi") { From = SenderAddress.Parse(from), Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Failed);
        result.ErrorMessage.Should().Contain(reason);
        result.ProviderName.Should().Be(Fixture.Name);
        host.Api.Requests.Should().BeEmpty();
    }

    [Fact]
    public virtual async Task A_message_the_provider_refuses_fails_with_its_words_and_is_not_retried()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(Fixture.Rejected);

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Failed);
        result.ErrorMessage.Should().NotBeNullOrWhiteSpace();
        host.Api.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public virtual async Task A_throttled_answer_with_retry_after_is_retried_and_then_sent(int status)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(new StubAnswer(status, "{}"), Fixture.Sent, retryAfterSeconds: 0);

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Sent);
        host.Api.Requests.Should().HaveCount(2, "a throttled request created nothing, so it is sent again");
        host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1306).Which.Category.Should().Be("SmsOptOut.Providers");
    }

    [Fact]
    public virtual async Task A_429_without_retry_after_is_retried_after_a_second()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(new StubAnswer(429, "{}"), Fixture.Sent);

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Sent);
        host.Api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public virtual async Task Throttling_that_outlasts_the_attempts_fails_as_not_sent()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, maxAttempts: 2);
        host.Answer(new StubAnswer(429, "{}"), new StubAnswer(429, "{}"), retryAfterSeconds: 0);

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Failed);
        result.ProviderErrorCode.Should().Be("429");
        host.Api.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public virtual async Task A_server_error_is_unknown_and_never_retried(int status)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        host.Answer(new StubAnswer(status, "{\"error\":\"internal\"}"));

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.FailedUnknown);
        result.ErrorMessage.Should().Contain("may or may not have been created");
        host.Api.Requests.Should().ContainSingle("the provider may have accepted it: sending again could text the person twice");
    }

    [Fact]
    public virtual async Task A_timeout_is_unknown_and_never_retried()
    {
        // The timeout runs on a fake clock: a retry would have to send again before returning, and its own timeout
        // would never come, so the send would hang instead of returning.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(Fixture, time, TimeSpan.FromSeconds(30));
        host.Api.Handle = async (_, context) => await Task.Delay(Timeout.Infinite, context.RequestAborted);

        var send = host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });
        await Eventually.TrueAsync(() => !host.Api.Requests.IsEmpty, "the stub to receive the request");
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await send.WaitAsync(TimeSpan.FromSeconds(10));

        result.Status.Should().Be(SmsSendStatus.FailedUnknown);
        host.Api.Requests.Should().ContainSingle();
    }

    [Fact]
    public virtual async Task A_refused_connection_is_retried_and_then_fails_as_not_sent()
    {
        var closed = ClosedPort();
        await using var host = await ProviderHost.StartAsync(Fixture, maxAttempts: 2, configure: builder => Fixture.UseProvider(builder, closed, TimeSpan.FromSeconds(10), 2));

        var result = await host.Transport.SendAsync(new SmsMessage(To, "Hi") { Account = ProviderHost.Account });

        result.Status.Should().Be(SmsSendStatus.Failed, "nothing reached the provider, so nothing was sent");
        result.ErrorMessage.Should().Contain("refused the connection 2 times");
    }

    private static Uri ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
