using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Transport.Twilio;

namespace SmsOptOut.Transport.Twilio.Tests;

/// <summary>The transport against a local server that speaks Twilio's documented request and response format.</summary>
public sealed class TwilioTransportTests : IAsyncLifetime
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private static readonly PhoneNumber To = PhoneNumber.Parse("+14155552671");
    private TestReceiver _twilio = null!;

    public async Task InitializeAsync() => _twilio = await TestReceiver.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task A_message_is_posted_in_Twilios_format_and_its_sid_returned()
    {
        Answer(201, "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\",\"error_code\":null,\"error_message\":null}");
        await using var services = Services();

        var result = await Transport(services).SendAsync(new SmsMessage(To, "Hi & welcome: 20% off"));

        result.Should().BeEquivalentTo(new SmsSendResult(SmsSendStatus.Sent) { ProviderMessageId = "SM0123456789abcdef0123456789abcdef", ProviderName = "twilio" });
        var request = _twilio.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be($"/2010-04-01/Accounts/{AccountSid}/Messages.json");
        request.Header("authorization").Should().Be("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{AccountSid}:secret-token")));
        request.Header("content-type").Should().StartWith("application/x-www-form-urlencoded");
        request.Text.Should().Be("To=%2B14155552671&Body=Hi+%26+welcome%3A+20%25+off&From=%2B18005550100");
    }

    [Fact]
    public async Task Other_client_errors_fail_with_Twilios_code_and_message_and_are_not_retried()
    {
        Answer(400, "{\"code\": 21211, \"message\": \"The 'To' number +1415 is not a valid phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}");
        await using var services = Services();

        var result = await Transport(services).SendAsync(new SmsMessage(To, "Hi"));

        result.Should().BeEquivalentTo(new SmsSendResult(SmsSendStatus.Failed)
        {
            ProviderErrorCode = "21211", ErrorMessage = "The 'To' number +1415 is not a valid phone number.", ProviderName = "twilio",
        });
        _twilio.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_list_send_records_a_21610_refusal_as_a_provider_opt_out()
    {
        _twilio.Handle = async (request, context) =>
        {
            var refused = request.Text.Contains("To=%2B14155550107", StringComparison.Ordinal);
            context.Response.StatusCode = refused ? 400 : 201;
            await context.Response.WriteAsync(refused
                ? "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"status\": 400}"
                : "{\"sid\":\"SM3\"}");
        };
        await using var services = Services();

        var result = await services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(new AccountId("acme"), new ListId("news"), "Sale! Reply STOP to opt out"),
            Enumerable.Range(0, 10).Select(i => $"+1415555010{i}").ToAsyncEnumerable());

        result.Sent.Should().Be(9);
        result.OptedOutAtProvider.Should().Be(1);
        var e = (await services.GetRequiredService<ISuppressionStore>().GetHistoryAsync(new AccountId("acme"), PhoneNumber.Parse("+14155550107")).ToListAsync()).Single();
        e.Source.Should().Be(OptOutSource.ProviderError);
        e.Evidence.ProviderErrorCode.Should().Be("21610");
        e.Evidence.ProviderName.Should().Be("twilio");
    }

    [Fact]
    public async Task A_messaging_service_is_used_when_configured()
    {
        Answer(201, "{\"sid\":\"SM4\"}");
        await using var services = Services(o =>
        {
            o.From = null;
            o.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef";
        });

        await Transport(services).SendAsync(new SmsMessage(To, "Hi"));

        _twilio.Requests.Single().Text.Should().EndWith("&MessagingServiceSid=MG0123456789abcdef0123456789abcdef");
        Transport(services).GetService(typeof(TwilioOptions)).Should().BeOfType<TwilioOptions>();
    }

    [Theory]
    [InlineData("account", "AccountSid")]
    [InlineData("sender", "needs a sender")]
    [InlineData("token", "AuthToken is empty")]
    public void Incomplete_options_are_refused_at_startup(string missing, string message)
    {
        using var services = Build(o =>
        {
            o.AccountSid = missing == "account" ? "AC123" : AccountSid;
            o.AuthToken = missing == "token" ? "" : "t";
            o.From = missing == "sender" ? null : "+18005550100";
        });

        FluentActions.Invoking(() => services.GetRequiredService<IOptions<TwilioOptions>>().Value)
            .Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    private void Answer(int status, string body, string? retryAfter = null) => Sequence((status, body, retryAfter));

    private void Sequence(params (int Status, string Body, string? RetryAfter)[] answers)
    {
        var next = 0;
        _twilio.Handle = async (_, context) =>
        {
            var (status, body, retryAfter) = answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)];
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        };
    }

    [Fact]
    public void UseTwilio_binds_its_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:AuthToken"] = "secret-token",
            ["Twilio:MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef",
            ["Twilio:BaseAddress"] = "https://api.twilio.example/",
            ["Twilio:RequestTimeout"] = "00:00:10",
            ["Twilio:MaxAttempts"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory().AddTwilio(configuration.GetSection("Twilio"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TwilioOptions>>().Value;

        options.Should().BeEquivalentTo(new TwilioOptions
        {
            AccountSid = AccountSid, AuthToken = "secret-token", MessagingServiceSid = "MG0123456789abcdef0123456789abcdef",
            BaseAddress = new Uri("https://api.twilio.example/"), RequestTimeout = TimeSpan.FromSeconds(10), MaxAttempts = 2,
        });
    }

    private static ISmsTransport Transport(ServiceProvider services) => services.GetRequiredService<ISmsTransport>();

    private ServiceProvider Services(Action<TwilioOptions>? configure = null, TimeProvider? time = null) => Build(o =>
    {
        o.AccountSid = AccountSid;
        o.AuthToken = "secret-token";
        o.From = "+18005550100";
        o.BaseAddress = _twilio.BaseUrl;
        configure?.Invoke(o);
    }, time);

    private static ServiceProvider Build(Action<TwilioOptions> configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSmsOptOut().UseInMemory().AddTwilio(configure);
        return services.BuildServiceProvider();
    }
}
