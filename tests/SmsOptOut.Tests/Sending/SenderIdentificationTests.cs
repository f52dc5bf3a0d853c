using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>The sender-identification guard: Off sends as written; Warn appends the identification text or logs; Enforce appends it or refuses.</summary>
public sealed class SenderIdentificationTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly AccountId Globex = new("globex");
    private static readonly ListId Newsletter = new("newsletter");
    private const string Anonymous = "Spring sale: 20% off. Reply STOP to opt out";

    private readonly RecordingTransport _transport = new();

    [Fact]
    public async Task Off_sends_the_message_as_written()
    {
        using var services = Build(o => o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Off);

        await SendAsync(services, Acme, Anonymous);

        _transport.Sent.Should().ContainSingle().Which.Body.Should().Be(Anonymous);
    }

    [Theory]
    [InlineData(SenderIdentificationPolicy.Warn)]
    [InlineData(SenderIdentificationPolicy.Enforce)]
    public async Task A_message_that_names_the_sender_is_sent_unchanged_ignoring_case(SenderIdentificationPolicy policy)
    {
        using var services = Build(o =>
        {
            o.Sending.SenderIdentificationPolicy = policy;
            o.Sending.SenderIdentity.Name = "Acme Outdoor";
            o.Sending.SenderIdentity.IdentificationText = "Acme Outdoor Ltd, 1 Main St, Toronto. acme.example/contact";
        });

        await SendAsync(services, Acme, "ACME OUTDOOR spring sale. Reply STOP to opt out");

        _transport.Sent.Should().ContainSingle().Which.Body.Should().Be("ACME OUTDOOR spring sale. Reply STOP to opt out");
    }

    [Theory]
    [InlineData(SenderIdentificationPolicy.Warn)]
    [InlineData(SenderIdentificationPolicy.Enforce)]
    public async Task A_message_that_does_not_name_the_sender_gets_the_identification_text_and_is_measured_with_it(SenderIdentificationPolicy policy)
    {
        using var services = Build(o =>
        {
            o.Sending.SenderIdentificationPolicy = policy;
            o.Sending.SenderIdentity.Name = "Acme Outdoor";
            o.Sending.SenderIdentity.IdentificationText = "Acme Outdoor Ltd {Toronto} acme.example/contact";
        });
        var request = new ListSendRequest(Acme, Newsletter, "Spring sale: 20% off. Reply STOP to opt out. {optout}");
        var sender = services.GetRequiredService<ISmsSender>();

        var composed = await sender.ComposeListMessageAsync(request);
        await sender.SendToListAsync(request, new[] { "+12125550100" }.ToAsyncEnumerable());

        var body = _transport.Sent.Should().ContainSingle().Subject.Body;
        body.Should().StartWith("Spring sale: 20% off. Reply STOP to opt out. https://opt.example/u/").And.EndWith("\nAcme Outdoor Ltd {Toronto} acme.example/contact");
        var link = body["Spring sale: 20% off. Reply STOP to opt out. ".Length..body.IndexOf('\n', StringComparison.Ordinal)];
        composed.Measure(link).WithLink.Should().Be(SmsOptOut.Messages.SmsSegmentCalculator.Calculate(body), "segment counting includes the appended text");
        composed.Measure(link).WithLink.Units.Should().BeGreaterThan(SmsOptOut.Messages.MessageTemplate.Parse(request.Template).Measure(link).WithLink.Units + 40);
    }

    [Fact]
    public async Task Warn_without_an_identification_text_sends_and_logs_the_missing_name()
    {
        using var services = Build(o => o.Sending.SenderIdentity.Name = "Acme Outdoor", s => s.AddFakeLogging());

        await SendAsync(services, Acme, Anonymous);

        _transport.Sent.Should().ContainSingle().Which.Body.Should().Be(Anonymous);
        services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Should().Contain(r => r.Id.Id == 1403 && r.Level == LogLevel.Warning && r.Message.Contains("\"Acme Outdoor\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enforce_without_an_identification_text_refuses_and_sends_nothing()
    {
        using var services = Build(o =>
        {
            o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Enforce;
            o.Sending.SenderIdentity.Name = "Acme Outdoor";
        });

        var act = () => SendAsync(services, Acme, Anonymous);

        (await act.Should().ThrowAsync<SenderIdentificationRequiredException>()).Which.Sender.Should().Be("Acme Outdoor");
        _transport.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_name_the_account_id_identifies_the_sender()
    {
        using var services = Build(o => o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Enforce);

        await SendAsync(services, Acme, "Acme: spring sale. Reply STOP to opt out");
        var act = () => SendAsync(services, Globex, "Acme: spring sale. Reply STOP to opt out");

        await act.Should().ThrowAsync<SenderIdentificationRequiredException>().WithMessage("*\"globex\"*");
        _transport.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task A_host_supplies_each_accounts_identity()
    {
        using var services = Build(o => o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Enforce,
            s => s.AddSingleton<ISenderIdentityProvider>(new PerAccountIdentities()));

        await SendAsync(services, Acme, Anonymous);
        await SendAsync(services, Globex, Anonymous);

        _transport.Sent.Select(m => m.Body).Should().Equal(Anonymous + "\nSent by Acme Inc.", Anonymous + "\nSent by Globex Corp.");
    }

    [Theory]
    [InlineData("   ", "SenderIdentity.Name is blank")]
    [InlineData(null, "SenderIdentity.IdentificationText must be 1 to 320 characters")]
    public void Blank_identity_settings_are_refused_at_startup(string? name, string message)
    {
        using var services = Build(o =>
        {
            o.Sending.SenderIdentity.Name = name;
            o.Sending.SenderIdentity.IdentificationText = name is null ? new string('x', 321) : null;
        });

        var act = () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*{message}*");
    }

    private static Task<ListSendResult> SendAsync(ServiceProvider services, AccountId account, string template) =>
        services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(account, Newsletter, template), new[] { "+12125550100" }.ToAsyncEnumerable());

    private ServiceProvider Build(Action<SmsOptOutOptions> configure, Action<IServiceCollection>? more = null) => SenderServices.Build(_transport, configure, more);

    private sealed class PerAccountIdentities : ISenderIdentityProvider
    {
        public ValueTask<SenderIdentity> GetIdentityAsync(AccountId account, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(account == Acme
                ? new SenderIdentity { Name = "Acme Inc.", IdentificationText = "Sent by Acme Inc." }
                : new SenderIdentity { Name = "Globex Corp.", IdentificationText = "Sent by Globex Corp." });
    }
}
