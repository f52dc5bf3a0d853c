using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Keywords.Internal;
using SmsOptOut.Messages;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.Keywords;

/// <summary>Keyword replies carriers accept: they name the account's brand, and HELP gives its contact (CTIA).</summary>
public sealed class KeywordReplyTextTests
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");
    private static readonly PhoneNumber TollFree = PhoneNumber.Parse("+18005550100");

    [Fact]
    public async Task The_default_replies_name_the_configured_brand_and_the_help_reply_its_contact()
    {
        await using var services = Build(o =>
        {
            o.Sending.SenderIdentity.Name = "Acme Shop";
            o.Sending.SenderIdentity.Contact = "acme.example/help";
        });

        var help = await ReplyAsync(services, "acme", "HELP");
        var stop = await ReplyAsync(services, "acme", "STOP");
        var start = await ReplyAsync(services, "acme", "START");

        help.Should().Be("Acme Shop: Help at acme.example/help. Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.");
        stop.Should().Be("Acme Shop: You are unsubscribed and will get no more messages. Reply START to resubscribe.");
        start.Should().Be("Acme Shop: Subscribed again. Msg freq varies. Msg&data rates may apply. Reply HELP for help, STOP to cancel. Info: acme.example/help");
    }

    [Fact]
    public async Task Each_account_gets_its_own_brand_and_contact_from_the_identity_provider()
    {
        await using var services = Build(_ => { }, s => s.AddSingleton<ISenderIdentityProvider, Brands>());

        (await ReplyAsync(services, "acme", "HELP")).Should().StartWith("Acme: Help at +1 800 555 0100.");
        (await ReplyAsync(services, "globex", "HELP")).Should().StartWith("Globex: Help at globex.example.");
    }

    [Theory]
    [InlineData("{brand}: Help at {contact}. Reply STOP to opt out.", "acme: Reply STOP to opt out.")]
    [InlineData("{brand}: Reply STOP to opt out. Info: {contact}", "acme: Reply STOP to opt out.")]
    [InlineData("Reply STOP to opt out.", "Reply STOP to opt out.")]
    public void Without_a_contact_the_placeholder_goes_with_its_label(string template, string rendered)
    {
        ReplyTemplate.Render(template, new AccountId("acme"), new SenderIdentity()).Should().Be(rendered);
    }

    [Fact]
    public void Every_default_reply_and_double_opt_in_text_fits_one_gsm7_segment_with_a_20_character_brand_and_a_30_character_contact()
    {
        var identity = new SenderIdentity { Name = new string('B', 20), Contact = "https://acme-example.com/help1" };
        var defaults = new KeywordOptions();

        foreach (var (_, template) in ReplyTemplate.RepliesOf(defaults))
        {
            var text = ReplyTemplate.Render(template, new AccountId("acme"), identity);
            var segments = SmsSegmentCalculator.Calculate(text);
            segments.Encoding.Should().Be(SmsEncoding.Gsm7, text);
            segments.Segments.Should().Be(1, $"\"{text}\" is {text.Length} characters");
        }
    }

    [Fact]
    public void A_reply_with_an_unknown_placeholder_is_refused_naming_it()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.Keywords.HelpReply = "{company}: text {contact} for help").UseInMemory();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message
            .Should().Contain("SmsOptOutOptions.Keywords.HelpReply names {company}; the placeholders of a reply are {brand} and {contact}.");
    }

    [Fact]
    public void A_reply_window_of_zero_is_refused_calling_the_FCC_five_minutes_a_presumption_not_a_limit()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.Keywords.ReplyWindow = TimeSpan.Zero).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        var message = act.Should().Throw<OptionsValidationException>().Which.Message;
        message.Should().Contain("SmsOptOutOptions.Keywords.ReplyWindow 00:00:00 must be positive").And.Contain("a presumption, not a limit");
        message.Should().NotContain("the FCC allows");
    }

    private static ServiceProvider Build(Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(configure).UseInMemory();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static async Task<string?> ReplyAsync(ServiceProvider services, string account, string body) =>
        (await services.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(
            new InboundSms(new AccountId(account), Person, TollFree, body, DateTimeOffset.UtcNow), InboundReplyDelivery.Caller)).Reply;

    private sealed class Brands : ISenderIdentityProvider
    {
        public ValueTask<SenderIdentity> GetIdentityAsync(AccountId account, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(account.Value == "acme"
                ? new SenderIdentity { Name = "Acme", Contact = "+1 800 555 0100" }
                : new SenderIdentity { Name = "Globex", Contact = "globex.example" });
    }
}
