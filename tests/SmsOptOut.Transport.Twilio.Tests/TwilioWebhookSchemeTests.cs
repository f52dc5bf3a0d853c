using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Twilio.Internal;

namespace SmsOptOut.Transport.Twilio.Tests;

/// <summary>
/// Through the kit's host over real HTTP: Advanced Opt-Out's <c>OptOutType</c> decides where our keywords would not, and
/// Webhook Rules' SharedKeys verify beside the auth token — chosen by the settings header's key id, refused (403, naming
/// why) when the id is unknown, the algorithm unsupported or the header stripped.
/// </summary>
public sealed class TwilioWebhookSchemeTests
{
    private static readonly TwilioFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");
    private static readonly Uri Url = ProviderHost.InboundUrl(Fixture);

    public static TheoryData<string> Schemes => [.. Fixture.Schemes];

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_message_Twilio_classified_as_STOP_opts_out_though_no_keyword_of_ours_matches(string scheme)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("Halt bitte", "aoo-1", optOutType: "STOP"), scheme));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.IsSuppressedAsync(Person)).Should().BeTrue("Twilio now blocks messages to the person, so we must not send either");
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
        e.Evidence.Note.Should().Be("twilio classified the message as an opt-out");
        e.Evidence.MessageText.Should().Be("Halt bitte");
        e.Evidence.ProviderMessageId.Should().Be("SMaoo-1");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<Message>", "the opt-out is confirmed in TwiML");
    }

    [Fact]
    public async Task The_same_words_without_OptOutType_change_nothing()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("Halt bitte", "aoo-2")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.HistoryAsync(Person)).Should().BeEmpty("no keyword list of ours knows 'Halt bitte': only Twilio's classification made it an opt-out");
    }

    [Theory]
    [InlineData("stop", true)]
    [InlineData("UNSUBSCRIBE", false)]
    [InlineData("", false)]
    public async Task OptOutType_is_read_in_any_case_and_a_value_Twilio_does_not_document_is_ignored(string optOutType, bool optedOut)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("Halt bitte", "aoo-3", optOutType)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.IsSuppressedAsync(Person)).Should().Be(optedOut);
    }

    [Fact]
    public async Task A_message_Twilio_classified_as_START_opts_back_in_and_one_classified_as_HELP_gets_the_help_reply()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("Halt bitte", "aoo-4", "STOP")));

        var start = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("Weiter bitte", "aoo-5", "START")));
        var help = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("Was ist das?", "aoo-6", "HELP")));

        start.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.IsSuppressedAsync(Person)).Should().BeFalse("Twilio lifted its block on START, so do we");
        (await host.HistoryAsync(Person)).Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn);
        (await help.Content.ReadAsStringAsync()).Should().Contain("Reply STOP to unsubscribe, START to resubscribe", "the help reply answers a message Twilio classified as HELP");
    }

    [Fact]
    public async Task Twilios_STOP_classification_wins_over_a_body_our_lists_read_as_START()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("START", "aoo-7", "STOP")));

        (await host.IsSuppressedAsync(Person)).Should().BeTrue("a custom Advanced Opt-Out keyword may be START-like; Twilio blocks the person all the same");
    }

    [Fact]
    public async Task Two_SharedKeys_verify_side_by_side_while_a_Webhook_Rule_rotates_them()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<TwilioOptions>(o => o.WebhookSharedKeys["webhooks_sharedkey_new"] = "the-new-shared-key-secret"));

        var old = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("STOP", "rot-1"), "shared-key-sha256"));
        var fresh = await host.Client.SendAsync(SignedWith(Message("STOP", "rot-2"), "the-new-shared-key-secret", "key=webhooks_sharedkey_new,algorithm=HMAC_SHA256"));
        var classic = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("STOP", "rot-3"), "auth-token"));

        old.StatusCode.Should().Be(HttpStatusCode.OK);
        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
        classic.StatusCode.Should().Be(HttpStatusCode.OK, "webhooks no rule matches are still signed with the auth token");
    }

    [Fact]
    public async Task A_SharedKey_id_we_do_not_hold_is_refused_with_403_naming_it_and_nothing_is_recorded()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(SignedWith(Message("STOP", "unk-1"), TwilioFixture.SharedKeySecret, "key=webhooks_sharedkey_unknown,algorithm=HMAC_SHA256"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("'webhooks_sharedkey_unknown'").And.Contain("TwilioOptions.WebhookSharedKeys");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_settings_header_is_refused_when_no_SharedKey_is_configured_where_Twilios_library_answers_500()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<TwilioOptions>(o => o.WebhookSharedKeys.Clear()));

        var response = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, Url, Message("STOP", "none-1"), "shared-key-sha256"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "failing closed: the provider gets a refusal, not a server error it retries");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("key=" + TwilioFixture.SharedKeyId + ",algorithm=HMAC_SHA512", "'HMAC_SHA512'")]
    [InlineData("key=" + TwilioFixture.SharedKeyId + ",algorithm=RSA_SHA256", "'RSA_SHA256'")]
    [InlineData("algorithm=HMAC_SHA256", "names no SharedKey")]
    public async Task A_settings_header_naming_no_key_or_an_unsupported_algorithm_is_refused_with_403_saying_so(string settings, string reason)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(SignedWith(Message("STOP", "alg-1"), TwilioFixture.SharedKeySecret, settings, HashAlgorithmName.SHA256));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain(reason);
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_settings_header_on_a_request_the_auth_token_signed_is_refused_and_so_is_a_SharedKey_signature_without_it()
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var added = await host.Client.SendAsync(SignedWith(Message("STOP", "mix-1"), TwilioFixture.AuthToken, $"key={TwilioFixture.SharedKeyId},algorithm=HMAC_SHA1", HashAlgorithmName.SHA1));
        var stripped = await host.Client.SendAsync(SignedWith(Message("STOP", "mix-2"), TwilioFixture.SharedKeySecret, null, HashAlgorithmName.SHA1));

        added.StatusCode.Should().Be(HttpStatusCode.Forbidden, "with the header only the SharedKey's secret verifies, never the auth token instead");
        (await added.Content.ReadAsStringAsync()).Should().Contain(TwilioFixture.SharedKeyId);
        stripped.StatusCode.Should().Be(HttpStatusCode.Forbidden, "without the header only the auth token verifies");
        (await stripped.Content.ReadAsStringAsync()).Should().Contain("auth token");
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_tenants_SharedKey_verifies_its_webhooks_and_the_static_SharedKey_does_not()
    {
        var tenant = new AccountId("tenant-b");
        await using var host = await ProviderHost.StartAsync(Fixture,
            endpoints: o => o.IsKnownAccount = (account, _) => ValueTask.FromResult(account == tenant || account == ProviderHost.Account),
            configureWithApi: (builder, api) => builder.UseProviderOptions<TwilioOptions>((account, _) => ValueTask.FromResult(account == tenant
                ? new TwilioOptions
                {
                    AccountSid = "AC" + new string('b', 32), AuthToken = "tenant-b-auth-token", From = "+18005550100", BaseAddress = api,
                    WebhookSharedKeys = { ["webhooks_sharedkey_tenant_b"] = "tenant-b-shared-key-secret" },
                }
                : null)));
        var url = new Uri(Url + "/" + tenant.Value);

        var withStatic = await host.Client.SendAsync(TwilioFixture.Webhook(InboundCase.Valid, url, Message("STOP", "ten-1"), "shared-key-sha256"));
        var withOwn = await host.Client.SendAsync(SignedWith(Message("STOP", "ten-2"), "tenant-b-shared-key-secret", "key=webhooks_sharedkey_tenant_b,algorithm=HMAC_SHA256", url: url));

        withStatic.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the tenant holds no such key");
        withOwn.StatusCode.Should().Be(HttpStatusCode.OK, await withOwn.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person, tenant)).Should().ContainSingle();
        (await host.HistoryAsync(Person)).Should().BeEmpty();
    }

    [Fact]
    public void SharedKeys_bind_from_configuration_by_id()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = TwilioFixture.AccountSid, ["Twilio:AuthToken"] = "t", ["Twilio:From"] = "+18005550100",
            ["Twilio:WebhookSharedKeys:webhooks_sharedkey_a"] = "secret-a", ["Twilio:WebhookSharedKeys:webhooks_sharedkey_b"] = "secret-b",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory().AddTwilio(configuration.GetSection("Twilio"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<TwilioOptions>>().Value.WebhookSharedKeys.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["webhooks_sharedkey_a"] = "secret-a", ["webhooks_sharedkey_b"] = "secret-b",
        });
    }

    [Theory]
    [InlineData("webhooks_sharedkey_a", "", "['webhooks_sharedkey_a'] has no secret")]
    [InlineData("webhooks_sharedkey_a", " secret-with-a-space ", "white space")]
    [InlineData("key=a,b", "secret", "'key=a,b' is not a SharedKey id")]
    [InlineData(" ", "secret", "is not a SharedKey id")]
    public void A_SharedKey_that_cannot_verify_anything_fails_validation_naming_its_id_and_never_its_secret(string id, string secret, string expected)
    {
        var options = new TwilioOptions { AccountSid = TwilioFixture.AccountSid, AuthToken = "t", From = "+18005550100", WebhookSharedKeys = { [id] = secret } };

        var result = new TwilioOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
        if (secret.Trim().Length > 0)
        {
            result.FailureMessage.Should().NotContain(secret.Trim());
        }
    }

    [Fact]
    public void Valid_SharedKeys_pass_validation()
    {
        var options = new TwilioOptions
        {
            AccountSid = TwilioFixture.AccountSid, AuthToken = "t", From = "+18005550100",
            WebhookSharedKeys = { ["webhooks_sharedkey_01hxyz"] = "s3cret", ["webhooks_sharedkey_01habc"] = "0th3r" },
        };

        new TwilioOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    private static Dictionary<string, string> Message(string body, string id, string? optOutType = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + id, ["AccountSid"] = TwilioFixture.AccountSid, ["From"] = Person.ToString(), ["To"] = ProviderHost.AccountNumber.ToString(),
            ["Body"] = body, ["NumMedia"] = "0", ["MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef",
        };
        if (optOutType is not null)
        {
            form["OptOutType"] = optOutType;
        }

        return form;
    }

    /// <summary>A request signed with <paramref name="secret"/> and <paramref name="algorithm"/> (SHA-256 by default), carrying <paramref name="settings"/> as the settings header when given.</summary>
    private static HttpRequestMessage SignedWith(Dictionary<string, string> form, string secret, string? settings, HashAlgorithmName? algorithm = null, Uri? url = null)
    {
        var target = url ?? Url;
        var request = new HttpRequestMessage(HttpMethod.Post, target.PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature(target.ToString(), form, secret, algorithm ?? HashAlgorithmName.SHA256));
        if (settings is not null)
        {
            request.Headers.Add(TwilioRequestValidator.SignatureSettingsHeader, settings);
        }

        return request;
    }
}
