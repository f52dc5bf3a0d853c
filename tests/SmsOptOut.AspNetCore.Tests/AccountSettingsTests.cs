using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmsOptOut.Accounts;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Transport.Twilio;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// A multi-tenant host whose accounts are configured only through account settings: acme from configuration
/// (<c>SmsOptOut:Accounts:acme</c>, as appsettings.json holds it), globex and initech from a tenants table in a SQLite
/// database read by the host's <see cref="IAccountSettingsSource"/>. Each account's keywords, sender identity, quiet
/// hours, webhook endpoint, Twilio credentials, link domain and display name differ, and each is seen on the wire: the
/// STOP reply, the signature Twilio's requests must carry, the credentials and link of each outgoing message, the
/// webhook target and its signature, the landing page. A tenant whose settings are invalid fails its own sends with the
/// validator's message while the others work.
/// </summary>
public sealed class AccountSettingsTests : IAsyncLifetime
{
    private static readonly Tenant Acme = new("acme", "+18005550101", "AC" + new string('a', 32), "token-acme", "https://acme.example/u/", "Acme Outdoor");
    private static readonly Tenant Globex = new("globex", "+18005550102", "AC" + new string('b', 32), "token-globex", "https://go.globex.example/u/", "Globex Corporation");
    private static readonly Tenant Initech = new("initech", "+18005550103", "AC" + new string('c', 32), "token-initech", "https://initech.example/u/", "Initech");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");
    private static readonly PhoneNumber Other = PhoneNumber.Parse("+14155552672");
    private static readonly string AcmeSecret = WebhookSecret.Generate();
    private static readonly string GlobexSecret = WebhookSecret.Generate();
    private static readonly string InitechSecret = WebhookSecret.Generate();

    private TestReceiver _twilioApi = null!;
    private TestReceiver _hooks = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _file = null!;
    private string _tenants = null!;

    public async Task InitializeAsync()
    {
        _twilioApi = await TwilioApiStub.StartAsync();
        _hooks = await TestReceiver.StartAsync();
        _file = Path.Combine(Path.GetTempPath(), $"smsoptout-accounts-{Guid.NewGuid():N}.db");
        _tenants = Path.Combine(Path.GetTempPath(), $"smsoptout-tenants-{Guid.NewGuid():N}.db");
        await TenantTable.CreateAsync(_tenants, _twilioApi.BaseUrl, _hooks,
            (Globex, GlobexSecret, "Globex: you are out. No more texts from {brand}.", "closed"),
            (Initech, InitechSecret, "Initech: unsubscribed from {brand}.", "open"),
            (Tenant.Broken, InitechSecret, "Broken: {brand}", "open"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddFakeLogging();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // What appsettings.json would hold: the deployment's options, and acme.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:LinkBaseUrl"] = "https://opt.example/u/",
            ["SmsOptOut:Links:Mode"] = "Stored",
            ["SmsOptOut:Sending:SenderIdentity:Name"] = "Deployment default",
            ["SmsOptOut:Sending:SenderIdentity:Contact"] = "help@opt.example",
            ["SmsOptOut:Webhooks:DangerouslyAllowLoopbackAndHttpForTesting"] = "true",
            ["SmsOptOut:Webhooks:RetrySchedule:0"] = "00:00:01",
            ["SmsOptOut:Accounts:acme:DisplayName"] = Acme.DisplayName,
            ["SmsOptOut:Accounts:acme:InboundAddresses:0"] = Acme.Number,
            ["SmsOptOut:Accounts:acme:LinkBaseUrl"] = Acme.LinkBase,
            ["SmsOptOut:Accounts:acme:Keywords:OptOutReply"] = "Acme: STOP received, {brand} will not text you again.",
            ["SmsOptOut:Accounts:acme:Sending:SenderIdentity:Name"] = "Acme",
            ["SmsOptOut:Accounts:acme:Webhooks:CallbackUrl"] = _hooks.Url("/acme").ToString(),
            ["SmsOptOut:Accounts:acme:Webhooks:Secrets:0"] = AcmeSecret,
            ["SmsOptOut:Accounts:acme:Twilio:AccountSid"] = Acme.Sid,
            ["SmsOptOut:Accounts:acme:Twilio:AuthToken"] = Acme.AuthToken,
            ["SmsOptOut:Accounts:acme:Twilio:From"] = Acme.Number,
        });
        builder.Services.AddSmsOptOut(builder.Configuration.GetSection("SmsOptOut"))
            .UseSqlite($"Data Source={_file}")
            .AddTwilio(o =>
            {
                o.AccountSid = "AC" + new string('0', 32);
                o.AuthToken = "deployment-token-nobody-uses";
                o.From = "+18005550100";
                o.BaseAddress = _twilioApi.BaseUrl;
            })
            .UseAccountSettings(new TenantTable(_tenants));
        _app = builder.Build();
        _app.MapSmsOptOut(o =>
        {
            o.LinkPrefix = "/u";
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
        await _hooks.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _tenants })
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    [Fact]
    public async Task Each_accounts_stop_is_verified_with_its_own_token_answered_with_its_own_words_and_sent_to_its_own_webhook()
    {
        var acme = await PostStopAsync(Acme, Acme.AuthToken, "SM1");
        var globex = await PostStopAsync(Globex, Globex.AuthToken, "SM2");
        var forged = await PostStopAsync(Initech, Globex.AuthToken, "SM3");

        acme.StatusCode.Should().Be(HttpStatusCode.OK);
        (await acme.Content.ReadAsStringAsync()).Should().Contain("Acme: STOP received, Acme will not text you again.", "acme's reply text from configuration, with its brand");
        globex.StatusCode.Should().Be(HttpStatusCode.OK);
        (await globex.Content.ReadAsStringAsync()).Should().Contain("Globex: you are out. No more texts from Globex Corporation.", "globex's reply and brand from the tenants table");
        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden, "initech's number, signed with globex's token");

        await Eventually.TrueAsync(() => _hooks.Requests.Count >= 2, "both opt-outs delivered to their webhooks", TimeSpan.FromSeconds(20));
        var byPath = _hooks.Requests.ToDictionary(r => r.Path);
        byPath.Keys.Should().BeEquivalentTo(["/acme", "/globex"], "each account's opt-out goes to its own callback URL");
        Verify(byPath["/acme"], AcmeSecret).Should().Be(WebhookVerificationResult.Valid);
        Verify(byPath["/acme"], GlobexSecret).Should().NotBe(WebhookVerificationResult.Valid, "signed with acme's secret alone");
        Verify(byPath["/globex"], GlobexSecret).Should().Be(WebhookVerificationResult.Valid);
        byPath["/globex"].Text.Should().Contain("\"unsubscribed_number\":\"+14155552671\"");
    }

    [Fact]
    public async Task Each_accounts_messages_go_with_its_own_credentials_its_own_link_domain_and_its_own_calling_hours()
    {
        var sender = _app.Services.GetRequiredService<ISmsSender>();

        var acme = await SendListAsync(sender, Acme);
        var initech = await SendListAsync(sender, Initech);
        var globex = await SendListAsync(sender, Globex);

        acme.Sent.Should().Be(1);
        initech.Sent.Should().Be(1);
        globex.Sent.Should().Be(0, "globex's calling hours are closed now");
        globex.Deferred.Should().Be(1, "outside the hours globex keeps (its own QuietHours)");
        var requests = _twilioApi.Requests.ToList();
        requests.Should().HaveCount(2);
        requests[0].Path.Should().Be($"/2010-04-01/Accounts/{Acme.Sid}/Messages.json");
        requests[0].Header("authorization").Should().Be(Basic(Acme));
        requests[1].Path.Should().Be($"/2010-04-01/Accounts/{Initech.Sid}/Messages.json");
        requests[1].Header("authorization").Should().Be(Basic(Initech));
        var acmeLink = LinkIn(requests[0]);
        acmeLink.Should().StartWith(Acme.LinkBase);
        LinkIn(requests[1]).Should().StartWith(Initech.LinkBase);

        var page = await (await OnHostAsync(HttpMethod.Get, Acme.Host, "/u/" + acmeLink[Acme.LinkBase.Length..])).Content.ReadAsStringAsync();
        page.Should().Contain(Acme.DisplayName, "the landing page names the account by its display name");
        var initechPage = await (await OnHostAsync(HttpMethod.Get, Initech.Host, "/u/" + LinkIn(requests[1])[Initech.LinkBase.Length..])).Content.ReadAsStringAsync();
        initechPage.Should().Contain(Initech.DisplayName).And.NotContain(Acme.DisplayName);
    }

    [Fact]
    public async Task A_token_opened_on_another_tenants_domain_gets_the_neutral_404_for_GET_and_POST_and_opts_nobody_out()
    {
        var number = PhoneNumber.Parse("+14155550020");
        var token = (await _app.Services.GetRequiredService<IOptOutLinkGenerator>().CreateAsync(new OptOutLinkTarget(Acme.Account, new ListId("news"), number))).Token;
        var unknown = await (await OnHostAsync(HttpMethod.Get, Acme.Host, "/u/NoSuchToken0000000")).Content.ReadAsStringAsync();

        var get = await OnHostAsync(HttpMethod.Get, Globex.Host, "/u/" + token);
        var post = await OnHostAsync(HttpMethod.Post, Globex.Host, "/u/" + token);
        var address = await OnHostAsync(HttpMethod.Post, "127.0.0.1", "/u/" + token);

        get.StatusCode.Should().Be(HttpStatusCode.NotFound, "acme's token on globex's link domain");
        (await get.Content.ReadAsStringAsync()).Should().Be(unknown, "the same neutral page as an unknown token: nothing tells the tenant apart");
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await post.Content.ReadAsStringAsync()).Should().Be(unknown);
        address.StatusCode.Should().Be(HttpStatusCode.NotFound, "a host that is no link domain at all");
        (await _app.Services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Acme.Account, number)).Should().BeFalse("nothing was opted out");

        var page = await OnHostAsync(HttpMethod.Get, Acme.Host + ":8443", "/u/" + token);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "acme's own domain (the port is not compared)");
        (await page.Content.ReadAsStringAsync()).Should().Contain(Acme.DisplayName);
        (await OnHostAsync(HttpMethod.Get, "OPT.example", "/u/" + token)).StatusCode.Should().Be(HttpStatusCode.OK,
            "the deployment's domain, where acme's links were issued before it had its own (they live 60 days and more)");
        (await OnHostAsync(HttpMethod.Post, Acme.Host, "/u/" + token)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Acme.Account, number)).Should().BeTrue("the POST on acme's domain opts out");
    }

    [Fact]
    public async Task A_tenant_with_an_invalid_setting_fails_its_own_sends_with_the_reason_while_the_others_send()
    {
        var sender = _app.Services.GetRequiredService<ISmsSender>();

        var single = () => sender.SendAsync(Tenant.Broken.Account, "+14155550003", "Hello");
        var list = () => SendListAsync(sender, Tenant.Broken);

        (await single.Should().ThrowAsync<AccountSettingsException>()).Which.Message.Should().Contain("account 'broken'").And.Contain("LinkBaseUrl 'ftp://broken.example/u/'");
        (await list.Should().ThrowAsync<AccountSettingsException>()).Which.Failures.Should().ContainSingle(f => f.Contains("must be an absolute http(s) URL", StringComparison.Ordinal));
        (await sender.SendAsync(Acme.Account, "+14155550004", "Hello from Acme")).Status.Should().Be(RecipientStatus.Sent, "the other tenants go on");
        _twilioApi.Requests.Should().ContainSingle().Which.Header("authorization").Should().Be(Basic(Acme));
        _app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Where(r => r.Id.Id == 1005).Should().ContainSingle("an invalid tenant is logged once per distinct failure, not per message")
            .Which.Message.Should().Contain("broken");
    }

    [Fact]
    public async Task A_tenant_with_an_invalid_setting_still_has_every_opt_out_recorded_and_its_webhook_owed()
    {
        var services = _app.Services;
        await services.GetRequiredService<Links.IOptOutLinkTokenStore>().AddAsync(
            [new Links.StoredLinkToken("BrokenTok1", new Links.OptOutLinkTarget(Tenant.Broken.Account, new ListId("news"), Other), DateTimeOffset.UtcNow.AddDays(60))]);

        var stop = await PostStopAsync(Tenant.Broken, Tenant.Broken.AuthToken, "SM-broken");
        var page = await OnHostAsync(HttpMethod.Get, "opt.example", "/u/BrokenTok1");
        var post = await OnHostAsync(HttpMethod.Post, "opt.example", "/u/BrokenTok1");
        await services.GetRequiredService<IOptOutWebhookDispatcher>().DeliverPendingNowAsync(Tenant.Broken.Account);

        stop.StatusCode.Should().Be(HttpStatusCode.OK, "its Twilio credentials are valid and verify the request");
        (await stop.Content.ReadAsStringAsync()).Should().Contain("broken: You are unsubscribed", "the global reply, naming no brand but the account");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "a recipient can always open the link");
        (await page.Content.ReadAsStringAsync()).Should().Contain("broken");
        post.IsSuccessStatusCode.Should().BeTrue();
        var store = services.GetRequiredService<Suppression.ISuppressionStore>();
        (await store.IsSuppressedAsync(Tenant.Broken.Account, Person)).Should().BeTrue("the STOP is recorded");
        (await store.IsSuppressedAsync(Tenant.Broken.Account, Other, new ListId("news"))).Should().BeTrue("the link's opt-out is recorded");
        (await services.GetRequiredService<IWebhookOutboxStore>().CountAsync(Tenant.Broken.Account)).Should().Match<OutboxCounts>(c => c.Pending + c.DeadLettered == 2 && c.Delivered == 0,
            "both webhooks are owed — retried on the schedule (one retry in this host), then dead letters to replay once the account's callback URL is known again — and sent to no other receiver");
        _hooks.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_changed_tenant_is_read_again_after_Invalidate()
    {
        var accounts = _app.Services.GetRequiredService<IAccountSettingsResolver>();
        (await accounts.GetAsync(Initech.Account)).DisplayName.Should().Be(Initech.DisplayName);

        await TenantTable.RenameAsync(_tenants, Initech.Id, "Initech Ltd");
        var cached = (await accounts.GetAsync(Initech.Account)).DisplayName;
        accounts.Invalidate(Initech.Account);
        var fresh = (await accounts.GetAsync(Initech.Account)).DisplayName;

        cached.Should().Be(Initech.DisplayName, "cached until invalidated or expired");
        fresh.Should().Be("Initech Ltd");
        (await accounts.GetAsync(new AccountId("unknown"))).Should().Match<ResolvedAccountSettings>(r => !r.IsConfigured && r.Options.LinkBaseUrl!.OriginalString == "https://opt.example/u/");
    }

    private static WebhookVerificationResult Verify(ReceivedRequest request, string secret) =>
        StandardWebhookSignature.Verify(request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"), request.Body, [secret], DateTimeOffset.UtcNow);

    /// <summary>A request to the host as a browser that opened a link on <paramref name="host"/> sends it.</summary>
    private async Task<HttpResponseMessage> OnHostAsync(HttpMethod method, string host, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([new("action", "unsubscribe")]);
        }

        return await _client.SendAsync(request);
    }

    private static string Basic(Tenant tenant) => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{tenant.Sid}:{tenant.AuthToken}"));

    private static string LinkIn(ReceivedRequest request) =>
        Regex.Match(Uri.UnescapeDataString(request.Text.Replace('+', ' ')), "https://[a-z.]+/u/[0-9A-Za-z]+").Value;

    private static Task<ListSendResult> SendListAsync(ISmsSender sender, Tenant tenant) =>
        sender.SendToListAsync(new ListSendRequest(tenant.Account, new ListId("news"), "News. Opt out: {optout}"), new[] { "+14155550010" }.ToAsyncEnumerable());

    private async Task<HttpResponseMessage> PostStopAsync(Tenant to, string authToken, string sid)
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = sid, ["From"] = Person.ToString(), ["To"] = to.Number, ["Body"] = "STOP" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioRequestValidator.SignatureHeader, TwilioRequestValidator.ComputeSignature("https://opt.example/sms/inbound/twilio", form, authToken));
        return await _client.SendAsync(request);
    }

    internal sealed record Tenant(string Id, string Number, string Sid, string AuthToken, string LinkBase, string DisplayName)
    {
        public static Tenant Broken { get; } = new("broken", "+18005550104", "AC" + new string('d', 32), "token-broken", "ftp://broken.example/u/", "Broken");

        public AccountId Account => new(Id);

        /// <summary>The host of the tenant's link domain.</summary>
        public string Host => new Uri(LinkBase).Host;
    }

    /// <summary>The host's own tenants table, in a SQLite file, read on each (uncached) lookup.</summary>
    private sealed class TenantTable(string file) : IAccountSettingsSource
    {
        public static async Task CreateAsync(string file, Uri twilio, TestReceiver hooks, params (Tenant Tenant, string Secret, string Reply, string Hours)[] rows)
        {
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE tenants (id TEXT PRIMARY KEY, number TEXT, sid TEXT, token TEXT, link TEXT, name TEXT, secret TEXT, reply TEXT, hours TEXT, hook TEXT, twilio TEXT);";
            await create.ExecuteNonQueryAsync();
            foreach (var (tenant, secret, reply, hours) in rows)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO tenants VALUES ($id, $number, $sid, $token, $link, $name, $secret, $reply, $hours, $hook, $twilio);";
                insert.Parameters.AddWithValue("$id", tenant.Id);
                insert.Parameters.AddWithValue("$number", tenant.Number);
                insert.Parameters.AddWithValue("$sid", tenant.Sid);
                insert.Parameters.AddWithValue("$token", tenant.AuthToken);
                insert.Parameters.AddWithValue("$link", tenant.LinkBase);
                insert.Parameters.AddWithValue("$name", tenant.DisplayName);
                insert.Parameters.AddWithValue("$secret", secret);
                insert.Parameters.AddWithValue("$reply", reply);
                insert.Parameters.AddWithValue("$hours", hours);
                insert.Parameters.AddWithValue("$hook", hooks.Url("/" + tenant.Id).ToString());
                insert.Parameters.AddWithValue("$twilio", twilio.ToString());
                await insert.ExecuteNonQueryAsync();
            }
        }

        public static async Task RenameAsync(string file, string id, string name)
        {
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE tenants SET name = $name WHERE id = $id;";
            update.Parameters.AddWithValue("$name", name);
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync();
        }

        public async ValueTask<AccountSettings?> GetSettingsAsync(AccountId account, CancellationToken cancellationToken = default)
        {
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync(cancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT number, sid, token, link, name, secret, reply, hours, hook, twilio FROM tenants WHERE id = $id;";
            select.Parameters.AddWithValue("$id", account.Value);
            await using var row = await select.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }

            var (number, sid, token, link, name) = (row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4));
            var (secret, reply, closed, hook, twilio) = (row.GetString(5), row.GetString(6), row.GetString(7) == "closed", row.GetString(8), row.GetString(9));
            var settings = new AccountSettings
            {
                DisplayName = name,
                Configure = o =>
                {
                    o.LinkBaseUrl = new Uri(link);
                    o.Keywords.OptOutReply = reply;
                    o.Sending.SenderIdentity.Name = name;
                    o.Webhooks.CallbackUrl = new Uri(hook);
                    o.Webhooks.Secrets.Clear();
                    o.Webhooks.Secrets.Add(secret);
                    if (closed)
                    {
                        // Open one hour a day, on the UTC clock, at least eight hours from now.
                        var opens = DateTime.UtcNow.Hour < 12 ? new TimeOnly(21, 0) : new TimeOnly(3, 0);
                        o.Sending.QuietHours.Add(new QuietHoursRule { Name = "globex house hours", Clocks = ["UTC"], Earliest = opens, Latest = opens.AddHours(1) });
                    }
                },
            };
            settings.InboundAddresses.Add(SenderAddress.Parse(number));
            return settings.ConfigureProvider<TwilioOptions>(o =>
            {
                o.AccountSid = sid;
                o.AuthToken = token;
                o.From = number;
                o.BaseAddress = new Uri(twilio);
            });
        }

        public async ValueTask<AccountId?> FindAccountAsync(SenderAddress recipient, CancellationToken cancellationToken = default)
        {
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync(cancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT id FROM tenants WHERE number = $number;";
            select.Parameters.AddWithValue("$number", recipient.ToString());
            return await select.ExecuteScalarAsync(cancellationToken) is string id ? new AccountId(id) : null;
        }

        public async IAsyncEnumerable<AccountId> GetAccountsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync(cancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT id FROM tenants ORDER BY id;";
            await using var row = await select.ExecuteReaderAsync(cancellationToken);
            while (await row.ReadAsync(cancellationToken))
            {
                yield return new AccountId(row.GetString(0));
            }
        }
    }
}
