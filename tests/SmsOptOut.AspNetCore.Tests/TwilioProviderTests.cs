using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Transport.Twilio;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Twilio through the generic provider endpoint, with two tenants on two Twilio accounts: each tenant's webhooks are
/// verified with its own auth token, each tenant's messages are sent with its own credentials (to a local stub).
/// </summary>
public sealed class TwilioProviderTests : IAsyncLifetime
{
    private static readonly Tenant A = new(new AccountId("tenant-a"), PhoneNumber.Parse("+18005550101"), "AC" + new string('a', 32), "token-a");
    private static readonly Tenant B = new(new AccountId("tenant-b"), PhoneNumber.Parse("+18005550102"), "AC" + new string('b', 32), "token-b");
    private static readonly AccountId Broken = new("tenant-broken");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    private TestReceiver _twilioApi = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _twilioApi = await TwilioApiStub.StartAsync();
        _file = Path.Combine(Path.GetTempPath(), $"smsoptout-twilio-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSmsOptOut(o => o.Webhooks.EnableDispatcher = false)
            .UseSqlite($"Data Source={_file}")
            .AddTwilio(o =>
            {
                o.AccountSid = "AC" + new string('0', 32);
                o.AuthToken = "static-token-nobody-uses";
                o.From = "+18005550100";
                o.BaseAddress = _twilioApi.BaseUrl;
            })
            .UseProviderOptions<TwilioOptions>((account, _) => ValueTask.FromResult(
                account == A.Account ? A.Options(_twilioApi.BaseUrl)
                : account == B.Account ? B.Options(_twilioApi.BaseUrl)
                : account == Broken ? new TwilioOptions { AccountSid = "not-a-sid", From = "+18005550103" }
                : null));
        _app = builder.Build();
        _app.MapSmsOptOut(o =>
        {
            o.LinkPrefix = "/u";
            o.ResolveInboundAccount = (to, _) => ValueTask.FromResult<AccountId?>(to == A.Number ? A.Account : to == B.Number ? B.Account : null);
            o.IsKnownAccount = (account, _) => ValueTask.FromResult(account == A.Account || account == B.Account || account == Broken);
            o.InboundPublicUrl = new Uri("https://opt.example/sms/inbound");
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _twilioApi.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Fact]
    public async Task Each_tenants_stop_is_verified_with_its_own_auth_token_and_refused_with_the_others()
    {
        var own = await PostAsync("/sms/inbound/twilio", Stop(A.Number, "SM1"), A.AuthToken);
        var foreign = await PostAsync("/sms/inbound/twilio", Stop(B.Number, "SM2"), A.AuthToken);

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).Should().Contain("<Message>");
        foreign.StatusCode.Should().Be(HttpStatusCode.Forbidden, "tenant B's number, signed with tenant A's token");
        (await IsSuppressedAsync(A.Account)).Should().BeTrue();
        (await IsSuppressedAsync(B.Account)).Should().BeFalse();
    }

    [Fact]
    public async Task A_tenants_own_url_is_verified_with_its_token_whatever_number_the_message_names()
    {
        var response = await PostAsync("/sms/inbound/twilio/tenant-b", Stop(PhoneNumber.Parse("+18005550199"), "SM3"), B.AuthToken);
        var wrongToken = await PostAsync("/sms/inbound/twilio/tenant-b", Stop(PhoneNumber.Parse("+18005550199"), "SM4"), A.AuthToken);
        var unknown = await PostAsync("/sms/inbound/twilio/tenant-z", Stop(B.Number, "SM5"), B.AuthToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        wrongToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().NotContain("tenant-z");
        (await IsSuppressedAsync(B.Account)).Should().BeTrue();
    }

    [Fact]
    public async Task Each_tenant_sends_with_its_own_twilio_credentials()
    {
        var sender = _app.Services.GetRequiredService<ISmsSender>();

        (await sender.SendAsync(A.Account, "+14155550001", "Hello from A")).Status.Should().Be(RecipientStatus.Sent);
        (await sender.SendAsync(B.Account, "+14155550002", "Hello from B")).Status.Should().Be(RecipientStatus.Sent);

        var requests = _twilioApi.Requests.ToList();
        requests.Should().HaveCount(2);
        requests[0].Path.Should().Be($"/2010-04-01/Accounts/{A.Sid}/Messages.json");
        requests[0].Header("authorization").Should().Be("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{A.Sid}:{A.AuthToken}")));
        requests[1].Path.Should().Be($"/2010-04-01/Accounts/{B.Sid}/Messages.json");
        requests[1].Header("authorization").Should().Be("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{B.Sid}:{B.AuthToken}")));
    }

    [Fact]
    public async Task A_tenant_with_invalid_credentials_fails_its_own_sends_and_webhooks_with_a_message()
    {
        var send = await _app.Services.GetRequiredService<ISmsSender>().SendAsync(Broken, "+14155550003", "Hello");
        var inbound = await PostAsync("/sms/inbound/twilio/tenant-broken", Stop(PhoneNumber.Parse("+18005550103"), "SM6"), "any");

        send.Status.Should().Be(RecipientStatus.Failed);
        send.Error.Should().Contain("tenant-broken").And.Contain("AccountSid");
        inbound.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _twilioApi.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_signature_Twilio_made_over_the_url_with_port_443_is_accepted()
    {
        var form = Stop(A.Number, "SM7");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature("https://opt.example:443/sms/inbound/twilio", form, A.AuthToken));

        (await _client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await IsSuppressedAsync(A.Account)).Should().BeTrue();
    }

    [Fact]
    public async Task A_legacy_GET_webhook_is_verified_over_its_url_and_read_from_its_query()
    {
        var query = $"?MessageSid=SM8&From={Uri.EscapeDataString(Person.ToString())}&To={Uri.EscapeDataString(A.Number.ToString())}&Body=STOP";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sms/inbound/twilio" + query);
        request.Headers.Add(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature("https://opt.example/sms/inbound/twilio" + query, [], A.AuthToken));
        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/sms/inbound/twilio" + query.Replace("STOP", "START", StringComparison.Ordinal));
        tampered.Headers.Add(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature("https://opt.example/sms/inbound/twilio" + query, [], A.AuthToken));

        (await _client.SendAsync(tampered)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await IsSuppressedAsync(A.Account)).Should().BeTrue();
    }

    [Fact]
    public async Task A_status_callback_with_error_21610_records_a_provider_opt_out_once()
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM9", ["MessageStatus"] = "failed", ["ErrorCode"] = "21610", ["From"] = A.Number.ToString(), ["To"] = Person.ToString(),
            ["AccountSid"] = A.Sid,
        };

        (await PostAsync("/sms/inbound/twilio", form, A.AuthToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync("/sms/inbound/twilio", form, A.AuthToken)).StatusCode.Should().Be(HttpStatusCode.OK, "Twilio retries; the second changes nothing");

        var history = await HistoryAsync(A.Account);
        history.Should().ContainSingle();
        history[0].Source.Should().Be(OptOutSource.ProviderError);
        history[0].Evidence.ProviderErrorCode.Should().Be("21610");
        history[0].Evidence.ProviderMessageId.Should().Be("SM9");
    }

    [Fact]
    public async Task A_delivered_status_callback_records_nothing()
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM10", ["MessageStatus"] = "delivered", ["From"] = A.Number.ToString(), ["To"] = Person.ToString() };

        (await PostAsync("/sms/inbound/twilio", form, A.AuthToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await HistoryAsync(A.Account)).Should().BeEmpty();
    }

    private static Dictionary<string, string> Stop(PhoneNumber to, string sid) => new()
    {
        ["MessageSid"] = sid, ["From"] = Person.ToString(), ["To"] = to.ToString(), ["Body"] = "STOP",
    };

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, string authToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature("https://opt.example" + path, form, authToken));
        return await _client.SendAsync(request);
    }

    private Task<bool> IsSuppressedAsync(AccountId account) => _app.Services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(account, Person);

    private async Task<List<ConsentEvent>> HistoryAsync(AccountId account)
    {
        var events = new List<ConsentEvent>();
        await foreach (var e in _app.Services.GetRequiredService<ISuppressionStore>().GetHistoryAsync(account, Person))
        {
            events.Add(e);
        }

        return events;
    }

    private sealed record Tenant(AccountId Account, PhoneNumber Number, string Sid, string AuthToken)
    {
        public TwilioOptions Options(Uri api) => new() { AccountSid = Sid, AuthToken = AuthToken, From = Number.ToString(), BaseAddress = api };
    }
}
