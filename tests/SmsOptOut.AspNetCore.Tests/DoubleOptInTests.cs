using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Privacy;
using SmsOptOut.Sending;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Double opt-in end to end over real HTTP: a sign-up form posted to the host, the confirmation text, a YES through the
/// JSON inbound endpoint, the confirmed record with both evidences in the access report, and a list send that requires it.
/// </summary>
public sealed class DoubleOptInTests : IAsyncLifetime
{
    private const string Disclosure = "I agree to receive recurring marketing texts from Acme at this number. Consent is not a condition of purchase. Msg & data rates may apply. Reply STOP to cancel.";
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");
    private static readonly PhoneNumber Other = PhoneNumber.Parse("+14155552672");
    private readonly Outbox _sent = new();
    private LandingHost _host = null!;

    public async Task InitializeAsync() => _host = await LandingHost.StartAsync(
        pipeline: app => app.MapPost("/signup", async (HttpContext context, IOptInService optIns) =>
        {
            var form = await context.Request.ReadFormAsync();
            var result = await optIns.RequestOptInAsync(new OptInRequest(LandingHost.Account, PhoneNumber.Parse(form["phone"].ToString(), "US"))
            {
                Evidence = SignUpEvidence.FromRequest(context, Disclosure),
                From = LandingHost.SendingNumber,
            });
            return Results.Ok(new { outcome = result.Outcome.ToString(), sent = result.Sent });
        }),
        services: services => services.AddSingleton<ISmsTransport>(_sent));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_form_a_confirmation_text_and_a_yes_give_a_confirmed_opt_in_with_both_evidences_that_a_list_send_requires()
    {
        var signUp = await SubmitFormAsync("(415) 555-2671");
        var again = await SubmitFormAsync("+1 415 555 2671");
        var yes = await InboundAsync(Person, "Yes!", "gw-yes-1");

        signUp.GetProperty("outcome").GetString().Should().Be("Saved");
        signUp.GetProperty("sent").GetBoolean().Should().BeTrue();
        again.GetProperty("outcome").GetString().Should().Be("RecentlyRequested", "one text per number however often the form is sent");
        _sent.Messages.Should().ContainSingle().Which.Should().Match<SmsMessage>(m =>
            m.To == Person && m.From == LandingHost.SendingNumber && m.Body.StartsWith("acme: Reply YES", StringComparison.Ordinal));
        yes.GetProperty("optIn").GetString().Should().Be("Confirmed");
        yes.GetProperty("reply").GetString().Should().Contain("You're subscribed. Msg freq varies.");

        var record = await _host.Services.GetRequiredService<IOptInService>().GetAsync(LandingHost.Account, Person);
        record!.Request!.Evidence.Should().Match<Consent.ConsentEvidence>(e =>
            e.PageUrl == "https://shop.example/join?utm=sms" && e.IpAddress == "127.0.0.1" && e.UserAgent == "Mozilla/5.0 (test)" && e.DisclosureText == Disclosure);
        record.Evidence.Should().Match<Consent.ConsentEvidence>(e => e.MessageText == "Yes!" && e.ProviderMessageId == "gw-yes-1");

        using var report = new MemoryStream();
        await _host.Services.GetRequiredService<IDataSubjectService>().WriteAccessReportAsync(LandingHost.Account, Person, report);
        var optIn = JsonDocument.Parse(report.ToArray()).RootElement.GetProperty("opt_in");
        optIn.GetProperty("level").GetString().Should().Be("Confirmed");
        optIn.GetProperty("evidence").GetProperty("provider_message_id").GetString().Should().Be("gw-yes-1");
        optIn.GetProperty("request").GetProperty("evidence").GetProperty("disclosure_text").GetString().Should().Be(Disclosure);

        var send = await _host.Services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(LandingHost.Account, LandingHost.List, "Acme: spring sale. Reply STOP to opt out") { Consent = ConsentRequirement.ConfirmedOptIn },
            new[] { Person.ToString(), Other.ToString() }.ToAsyncEnumerable());
        send.Should().Match<ListSendResult>(r => r.Sent == 1 && r.NoConsent == 1);
        _sent.Messages.Last().To.Should().Be(Person);
    }

    [Fact]
    public async Task Stop_before_yes_withdraws_the_sign_up()
    {
        await SubmitFormAsync("+14155552672");
        var stop = await InboundAsync(Other, "STOP", "gw-stop");
        var yes = await InboundAsync(Other, "yes", "gw-yes-2");

        stop.GetProperty("match").GetString().Should().Be("OptOut");
        yes.GetProperty("optIn").ValueKind.Should().Be(JsonValueKind.Null);
        (await _host.Services.GetRequiredService<IOptInService>().GetAsync(LandingHost.Account, Other))!.Level.Should().NotBe(OptInLevel.Confirmed);
    }

    private async Task<JsonElement> SubmitFormAsync(string phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signup") { Content = new FormUrlEncodedContent([new("phone", phone)]) };
        request.Headers.Referrer = new Uri("https://shop.example/join?utm=sms");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (test)");
        var response = await _host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> InboundAsync(PhoneNumber from, string body, string messageId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/json")
        {
            Content = JsonContent.Create(new { from = from.ToString(), to = LandingHost.SendingNumber.ToString(), body, messageId, replyInResponse = true }),
        };
        request.Headers.Add("X-SmsOptOut-Secret", LandingHost.SharedSecret);
        var response = await _host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The SMS provider's edge: records what would have been sent.</summary>
    private sealed class Outbox : ISmsTransport
    {
        private readonly ConcurrentQueue<SmsMessage> _messages = new();

        public IReadOnlyCollection<SmsMessage> Messages => _messages;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        {
            _messages.Enqueue(message);
            return Task.FromResult(SmsSendResult.Sent("SM" + _messages.Count));
        }
    }
}
