using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.Telnyx.Tests;

/// <summary>What is particular to Telnyx: its request format, its Ed25519 signature byte for byte, its delivery reports.</summary>
public sealed class TelnyxTests
{
    private static readonly TelnyxFixture Fixture = new();
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    /// <summary>
    /// A webhook signed by an independent Ed25519 implementation (Node.js's crypto, from a fixed seed) over
    /// <c>{timestamp}|{body}</c>, as Telnyx signs: its public key, timestamp, body and signature.
    /// </summary>
    private const string VectorPublicKey = "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=";
    private const string VectorPublicKeySpki = "MCowBQYDK2VwAyEA6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=";
    private const long VectorTimestamp = 1795760048;
    private const string VectorBody = """{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2026-11-27T06:14:08.000+00:00","payload":{"direction":"inbound","from":{"phone_number":"+14155552671"},"id":"84cca175-9755-4859-b67f-4730d7f58aa3","text":"STOP","to":[{"phone_number":"+18005550100","status":"webhook_delivered"}],"type":"SMS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://opt.example/sms/inbound/telnyx"}}""";
    private const string VectorSignature = "9Wd1MfStpgxO1T4egoD0NaKHgzom6d9RKSn8SrA4fHy+3iqJB33xrNeDuoyYbTbAa4mcwBKttrEXppGH3klEBQ==";

    [Fact]
    public async Task An_alphanumeric_sender_goes_out_through_the_messaging_profile_and_is_refused_without_one()
    {
        var message = new SmsMessage(PhoneNumber.Parse("+447700900123"), "Hi") { From = SenderAddress.Alphanumeric("ACME"), Account = ProviderHost.Account };
        await using var without = await ProviderHost.StartAsync(Fixture);
        await using var with = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<TelnyxOptions>(o => o.MessagingProfileId = "16fd2706-8baf-433b-82eb-8c7fada847da"));
        with.Answer(Fixture.Sent);

        var refused = await without.Transport.SendAsync(message);
        var sent = await with.Transport.SendAsync(message);

        refused.Status.Should().Be(SmsSendStatus.Failed);
        refused.ErrorMessage.Should().Contain("TelnyxOptions.MessagingProfileId").And.Contain("'ACME'");
        without.Api.Requests.Should().BeEmpty();
        sent.Status.Should().Be(SmsSendStatus.Sent);
        using var body = JsonDocument.Parse(with.Api.Requests.Single().Body);
        body.RootElement.GetProperty("from").GetString().Should().Be("ACME");
        body.RootElement.GetProperty("messaging_profile_id").GetString().Should().Be("16fd2706-8baf-433b-82eb-8c7fada847da");
    }

    [Fact]
    public async Task A_message_is_posted_in_Telnyxs_format()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<TelnyxOptions>(o =>
        {
            o.MessagingProfileId = "16fd2706-8baf-433b-82eb-8c7fada847da";
            o.WebhookUrl = new Uri("https://opt.example/sms/inbound/telnyx");
        }));
        host.Answer(Fixture.Sent);

        await host.Transport.SendAsync(new SmsMessage(Person, "Sale! Reply STOP to opt out") { Account = ProviderHost.Account });

        var request = host.Api.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v2/messages");
        request.Header("authorization").Should().Be("Bearer " + TelnyxFixture.ApiKey);
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("from").GetString().Should().Be("+18005550100");
        body.RootElement.GetProperty("to").GetString().Should().Be("+14155552671");
        body.RootElement.GetProperty("text").GetString().Should().Be("Sale! Reply STOP to opt out");
        body.RootElement.GetProperty("messaging_profile_id").GetString().Should().Be("16fd2706-8baf-433b-82eb-8c7fada847da");
        body.RootElement.GetProperty("webhook_url").GetString().Should().Be("https://opt.example/sms/inbound/telnyx");
    }

    [Theory]
    [InlineData(VectorPublicKey)]
    [InlineData(VectorPublicKeySpki)]
    public async Task A_webhook_signed_by_another_Ed25519_implementation_is_accepted_and_opts_the_sender_out(string publicKey)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp + 30));
        await using var host = await ProviderHost.StartAsync(Fixture, time, configure: b => b.Services.Configure<TelnyxOptions>(o => o.PublicKey = publicKey));

        var response = await host.Client.SendAsync(Signed(VectorBody, VectorTimestamp, VectorSignature));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = (await host.HistoryAsync(Person)).Should().ContainSingle().Subject;
        e.Source.Should().Be(OptOutSource.Keyword);
        e.Evidence.ProviderName.Should().Be("telnyx");
    }

    [Theory]
    [InlineData(1, HttpStatusCode.Forbidden)]
    [InlineData(0, HttpStatusCode.OK)]
    public async Task One_byte_more_of_the_signed_body_or_another_timestamp_breaks_the_signature(int change, HttpStatusCode expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp));
        await using var host = await ProviderHost.StartAsync(Fixture, time, configure: b => b.Services.Configure<TelnyxOptions>(o => o.PublicKey = VectorPublicKey));

        var body = await host.Client.SendAsync(Signed(VectorBody + new string(' ', change), VectorTimestamp, VectorSignature));
        var timestamp = await host.Client.SendAsync(Signed(VectorBody, VectorTimestamp + change, VectorSignature));

        body.StatusCode.Should().Be(expected);
        timestamp.StatusCode.Should().Be(change == 0 ? HttpStatusCode.Forbidden : expected, "the same signature twice is a replay, and another timestamp is another message");
    }

    [Theory]
    [InlineData("40300", true)]
    [InlineData("40001", false)]
    public async Task A_finalized_message_blocked_by_STOP_records_an_opt_out_once(string code, bool optedOut)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);
        var body = $$$"""{"data":{"event_type":"message.finalized","id":"evt-9","occurred_at":"2026-11-27T06:14:08.148+00:00","payload":{"id":"msg-9","direction":"outbound","from":{"phone_number":"+18005550100"},"to":[{"phone_number":"+14155552671","status":"delivery_failed"}],"text":"Sale!","errors":[{"code":"{{{code}}}","title":"Blocked","detail":"…"}]},"record_type":"event"}}""";

        var first = await host.Client.SendAsync(TelnyxFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), body, DateTimeOffset.UtcNow));
        var retry = await host.Client.SendAsync(TelnyxFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), body, DateTimeOffset.UtcNow.AddSeconds(1)));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK, "Telnyx's retry is signed anew");
        var history = await host.HistoryAsync(Person);
        if (optedOut)
        {
            var e = history.Should().ContainSingle("the retry names the same message").Subject;
            e.Source.Should().Be(OptOutSource.ProviderError);
            e.Evidence.ProviderErrorCode.Should().Be("40300");
            e.Evidence.ProviderMessageId.Should().Be("msg-9");
        }
        else
        {
            history.Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("""{"data":{"event_type":"message.received","payload":{"from":{"phone_number":"+14155552671"},"to":[]}}}""", "data.payload.to[0].phone_number")]
    [InlineData("""{"data":{"event_type":"message.received","payload":{"from":{"phone_number":"not a number"},"to":[{"phone_number":"+18005550100"}],"text":"STOP"}}}""", "data.payload.from.phone_number")]
    [InlineData("""{"data":{"event_type":"message.received","payload":{"from":{"phone_number":{"e164":"+15551234567"}},"to":[{"phone_number":"+18005550100"}]}}}""", "data.payload.from.phone_number")]
    [InlineData("[1,2,3]", "data.event_type")]
    public async Task A_signed_body_that_is_not_Telnyxs_shape_is_refused_with_400(string body, string named)
    {
        await using var host = await ProviderHost.StartAsync(Fixture);

        var response = await host.Client.SendAsync(TelnyxFixture.Webhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), body, DateTimeOffset.UtcNow));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain(named);
    }

    [Fact]
    public async Task A_webhook_whose_recording_failed_is_accepted_when_Telnyx_retries_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"telnyx-{Guid.NewGuid():N}.db");
        try
        {
            await using var host = await ProviderHost.StartAsync(Fixture, configure: b => b.UseSqlite($"Data Source={file}"));
            var now = DateTimeOffset.UtcNow;
            (await host.IsSuppressedAsync(Person)).Should().BeFalse("the store creates its schema");
            await ExecuteAsync(file, "ALTER TABLE consent_events RENAME TO consent_events_away;");

            var failed = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "r-1", now));
            await ExecuteAsync(file, "ALTER TABLE consent_events_away RENAME TO consent_events;");
            var retried = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, ProviderHost.InboundUrl(Fixture), Person, ProviderHost.AccountNumber, "r-1", now));

            failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            retried.StatusCode.Should().Be(HttpStatusCode.OK, "nothing was recorded the first time, so the same signed request is not a replay");
            (await host.IsSuppressedAsync(Person)).Should().BeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public async Task A_public_key_that_is_not_an_Ed25519_key_fails_at_startup_naming_the_option(string key)
    {
        var act = () => ProviderHost.StartAsync(Fixture, configure: b => b.Services.Configure<TelnyxOptions>(o => o.PublicKey = key));

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("TelnyxOptions.PublicKey");
    }

    private static HttpRequestMessage Signed(string body, long timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ProviderHost.InboundUrl(Fixture).AbsolutePath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("telnyx-signature-ed25519", signature);
        request.Headers.Add("telnyx-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
