using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.OptIn.Internal;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.OptIn;

/// <summary>Double opt-in in the core: which replies confirm, the options' checks, and the errors when a part is missing.</summary>
public sealed class DoubleOptInTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    [Theory]
    [InlineData("YES")]
    [InlineData("yes")]
    [InlineData("Yes!")]
    [InlineData("  y ")]
    [InlineData("YESSS")]
    [InlineData("yes please")]
    [InlineData("Yes, thanks!")]
    [InlineData("oui")]
    [InlineData("Sí")]
    [InlineData("si")]
    [InlineData("ja")]
    [InlineData("sim")]
    [InlineData("tak")]
    [InlineData("да")]
    [InlineData("ＹＥＳ")]
    public void These_replies_confirm(string body) =>
        ConfirmationWords.IsConfirmation(body, new DoubleOptInOptions()).Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("no")]
    [InlineData("yesterday")]
    [InlineData("yes but stop texting me")]
    [InlineData("why yes")]
    [InlineData("STOP")]
    [InlineData("yes yes yes yes yes yes yes")]
    public void These_do_not(string body) =>
        ConfirmationWords.IsConfirmation(body, new DoubleOptInOptions()).Should().BeFalse();

    [Fact]
    public void Configured_words_confirm_and_sign_up_keywords_match_the_whole_message_folded()
    {
        var options = new DoubleOptInOptions();
        options.ConfirmationWords.Add("Agreed");
        options.SignUpKeywords.Add("Join");

        ConfirmationWords.IsConfirmation("agreed!", options).Should().BeTrue();
        ConfirmationWords.IsSignUp("JOIN", options).Should().BeTrue();
        ConfirmationWords.IsSignUp("join!", options).Should().BeTrue();
        ConfirmationWords.IsSignUp("join us", options).Should().BeFalse();
        ConfirmationWords.IsSignUp("JOIN", new DoubleOptInOptions()).Should().BeFalse("no sign-up keyword by default");
    }

    [Theory]
    [InlineData("stop", "SignUpKeywords: 'stop' is an opt-out or help keyword")]
    [InlineData("HELP", "SignUpKeywords: 'HELP' is an opt-out or help keyword")]
    [InlineData("!!", "SignUpKeywords: '!!' folds to nothing")]
    public void A_sign_up_keyword_that_stops_or_asks_for_help_is_refused(string keyword, string expected)
    {
        var act = () => Options(o => o.Keywords.DoubleOptIn.SignUpKeywords.Add(keyword));

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Bad_lifetimes_and_placeholders_are_refused_naming_the_option()
    {
        var act = () => Options(o =>
        {
            o.Keywords.DoubleOptIn.RequestLifetime = TimeSpan.Zero;
            o.Keywords.DoubleOptIn.ResendAfter = TimeSpan.FromSeconds(-1);
            o.Keywords.DoubleOptIn.ConfirmationRequest = "{brand}: reply YES for {program}";
        });

        act.Should().Throw<OptionsValidationException>().Which.Message.Should()
            .Contain("Keywords.DoubleOptIn.RequestLifetime 00:00:00 must be positive")
            .And.Contain("Keywords.DoubleOptIn.ResendAfter -00:00:01 must not be negative")
            .And.Contain("Keywords.DoubleOptIn.ConfirmationRequest names {program}");
    }

    [Fact]
    public async Task A_failed_confirmation_text_is_reported_and_the_request_stays_pending()
    {
        await using var services = Build(s => s.AddSingleton<ISmsTransport>(new FailingTransport()));
        var optIns = services.GetRequiredService<IOptInService>();

        var result = await optIns.RequestOptInAsync(new OptInRequest(Acme, Person));

        result.Should().Match<OptInRequestResult>(r => r.Outcome == OptInRequestOutcome.Saved && !r.Sent && r.Error == "Failed: carrier rejected");
        (await optIns.GetAsync(Acme, Person))!.IsPending(services.GetRequiredService<TimeProvider>().GetUtcNow()).Should().BeTrue();
    }

    [Fact]
    public async Task A_single_opt_in_and_an_api_opt_in_record_opted_in_and_an_opt_out_revokes_it()
    {
        await using var services = Build();
        var optIns = services.GetRequiredService<IOptInService>();
        var optOut = services.GetRequiredService<IOptOutService>();
        var another = PhoneNumber.Parse("+14155552672");

        (await optIns.RecordOptInAsync(new OptInRequest(Acme, Person) { Evidence = new ConsentEvidence { Note = "checkbox" } })).Should().BeTrue();
        await optOut.OptOutAsync(new ConsentRequest(Acme, another, OptOutSource.Api));
        await optOut.OptInAsync(new ConsentRequest(Acme, another, OptOutSource.Api) { Evidence = new ConsentEvidence { Note = "agent: asked by phone" } });

        (await optIns.GetAsync(Acme, Person))!.Evidence.Note.Should().Be("checkbox");
        (await optIns.GetAsync(Acme, another)).Should().Match<OptInRecord>(r => r.Level == OptInLevel.OptedIn && r.Evidence.Note == "agent: asked by phone");

        await optOut.OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.OptOutLink));
        (await optIns.GetAsync(Acme, Person)).Should().BeNull();
    }

    [Fact]
    public async Task Without_an_opt_in_store_double_opt_in_and_consent_requirements_are_refused_naming_the_storage()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => { }).UseInMemory();
        services.AddSingleton<ISmsTransport>(new FailingTransport());
        services.RemoveAll<IOptInStore>();
        await using var provider = services.BuildServiceProvider();

        var request = () => provider.GetRequiredService<IOptInService>().RequestOptInAsync(new OptInRequest(Acme, Person));
        var send = () => provider.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(Acme, new ListId("news"), "Sale. Reply STOP to opt out") { Consent = ConsentRequirement.OptIn }, new[] { Person.ToString() }.ToAsyncEnumerable());

        (await request.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*keeps no opt-ins (IOptInStore)*");
        (await send.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*keeps no opt-ins (IOptInStore)*");
    }

    [Fact]
    public async Task An_undefined_consent_requirement_is_refused()
    {
        await using var services = Build(s => s.AddSingleton<ISmsTransport>(new FailingTransport()));

        var send = () => services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(Acme, new ListId("news"), "Sale. Reply STOP to opt out") { Consent = (ConsentRequirement)7 }, new[] { Person.ToString() }.ToAsyncEnumerable());

        (await send.Should().ThrowAsync<ArgumentException>()).WithMessage("*ListSendRequest.Consent 7 is not None, OptIn or ConfirmedOptIn*");
    }

    [Fact]
    public async Task Bad_requests_are_refused_naming_what_is_wrong()
    {
        await using var services = Build();
        var optIns = services.GetRequiredService<IOptInService>();

        await FluentActions.Awaiting(() => optIns.RequestOptInAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        (await FluentActions.Awaiting(() => optIns.RequestOptInAsync(new OptInRequest(Acme, default))).Should().ThrowAsync<ArgumentException>())
            .WithMessage("*number is empty*");
        await FluentActions.Awaiting(() => optIns.RecordOptInAsync(new OptInRequest(default, Person))).Should().ThrowAsync<ArgumentException>();
    }

    private static SmsOptOutOptions Options(Action<SmsOptOutOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(configure).UseInMemory();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;
    }

    private static ServiceProvider Build(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero)));
        services.AddSmsOptOut(o => { }).UseInMemory();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private sealed class FailingTransport : ISmsTransport
    {
        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
            Task.FromResult(SmsSendResult.Failed("30007", "carrier rejected"));
    }
}
