using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>
/// Every send has a purpose, and a single send is held to exactly the rules of a list send of the same purpose: one
/// scenario per rule (calling hours, the registry, a cap, consent, suppression), each purpose, the same outcome both ways.
/// </summary>
public sealed class MessagePurposeTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly ListId News = new("news");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+12125550100");

    /// <summary>02:00 in New York: the federal calling hours are closed.</summary>
    private static readonly DateTimeOffset Night = new(2026, 7, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>15:00 in New York.</summary>
    private static readonly DateTimeOffset Afternoon = new(2026, 7, 1, 19, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, MessagePurpose, RecipientStatus> Scenarios => new()
    {
        { "calling hours closed", MessagePurpose.Marketing, RecipientStatus.Deferred },
        { "calling hours closed", MessagePurpose.Informational, RecipientStatus.Sent },
        { "calling hours closed", MessagePurpose.Transactional, RecipientStatus.Sent },
        { "on the Do-Not-Call registry", MessagePurpose.Marketing, RecipientStatus.DoNotCallRegistry },
        { "on the Do-Not-Call registry", MessagePurpose.Informational, RecipientStatus.Sent },
        { "on the Do-Not-Call registry", MessagePurpose.Transactional, RecipientStatus.Sent },
        { "cap reached", MessagePurpose.Marketing, RecipientStatus.FrequencyCapped },
        { "cap reached", MessagePurpose.Informational, RecipientStatus.Sent },
        { "cap reached", MessagePurpose.Transactional, RecipientStatus.Sent },
        { "consent required and missing", MessagePurpose.Marketing, RecipientStatus.NoConsent },
        { "consent required and missing", MessagePurpose.Transactional, RecipientStatus.NoConsent },
        { "opted out", MessagePurpose.Marketing, RecipientStatus.Suppressed },
        { "opted out", MessagePurpose.Informational, RecipientStatus.Suppressed },
        { "opted out", MessagePurpose.Transactional, RecipientStatus.Suppressed },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_single_send_and_a_list_send_of_one_purpose_have_the_same_outcome(string scenario, MessagePurpose purpose, RecipientStatus expected)
    {
        var single = await OutcomeAsync(scenario, purpose, list: false);
        var list = await OutcomeAsync(scenario, purpose, list: true);

        single.Should().Be(expected, $"{scenario}, {purpose}, single send");
        list.Should().Be(expected, $"{scenario}, {purpose}, list send");
    }

    public static TheoryData<string, string, RecipientStatus, string?> StateCallingHours => new()
    {
        // number, now (UTC), outcome, NotBefore (UTC)
        { "+12145550100", "2026-07-05T16:30:00Z", RecipientStatus.Deferred, "2026-07-05T17:00:00Z" }, // Dallas, Sunday 11:30: Texas opens at noon
        { "+12145550100", "2026-07-05T17:00:00Z", RecipientStatus.Sent, null },                       // Dallas, Sunday 12:00
        { "+12145550100", "2026-07-04T14:00:00Z", RecipientStatus.Sent, null },                       // Dallas, Saturday 9:00
        { "+18605550100", "2026-07-01T12:30:00Z", RecipientStatus.Deferred, "2026-07-01T13:00:00Z" }, // Hartford 8:30: Connecticut opens at 9
        { "+18605550100", "2026-07-01T13:00:00Z", RecipientStatus.Sent, null },                       // Hartford 9:00
    };

    [Theory]
    [MemberData(nameof(StateCallingHours))]
    public async Task A_single_marketing_send_and_a_list_send_meet_the_states_calling_hours_alike(string number, string now, RecipientStatus expected, string? notBefore)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset? opening = notBefore is null ? null : DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture);

        var single = await StateOutcomeAsync(number, at, list: false);
        var list = await StateOutcomeAsync(number, at, list: true);

        single.Should().Be(list, "a single send runs the list send's rules");
        single.Status.Should().Be(expected);
        single.NotBefore.Should().Be(opening);
        if (expected == RecipientStatus.Deferred)
        {
            single.Error.Should().Contain(number.StartsWith("+1214", StringComparison.Ordinal) ? QuietHoursRule.Texas.Name : QuietHoursRule.Connecticut.Name);
        }
    }

    [Fact]
    public async Task A_send_without_a_purpose_is_marketing_unless_the_host_says_otherwise()
    {
        var (services, transport, _) = await BuildAsync("calling hours closed", o => { });
        await using (services)
        {
            (await services.GetRequiredService<ISmsSender>().SendAsync(Acme, Person.ToString(), "Acme: your code is 1234")).Status.Should().Be(RecipientStatus.Deferred);
        }

        var (transactional, _, _) = await BuildAsync("calling hours closed", o => o.Sending.DefaultPurpose = MessagePurpose.Transactional);
        await using (transactional)
        {
            var result = await transactional.GetRequiredService<ISmsSender>().SendAsync(Acme, Person.ToString(), "Acme: your code is 1234");
            result.Status.Should().Be(RecipientStatus.Sent);
        }
    }

    [Fact]
    public async Task The_outcome_names_the_rule_that_held_the_message_back_and_when_it_may_go()
    {
        var (services, _, _) = await BuildAsync("calling hours closed", o => { });
        await using var _ = services;

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(new SingleSendRequest(Acme, Person.ToString(), "Acme sale today. Reply STOP to opt out"));

        result.Status.Should().Be(RecipientStatus.Deferred);
        result.Error.Should().Contain(QuietHoursRule.UnitedStatesFederal.Name);
        result.NotBefore.Should().Be(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), "08:00 in New York");
        result.Held.Should().BeFalse();
    }

    [Fact]
    public async Task A_held_single_marketing_message_is_sent_by_the_scheduler_when_the_hours_open()
    {
        var (services, transport, time) = await BuildAsync("calling hours closed", o => o.Sending.HoldDeferred = true);
        await using var _ = services;

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(new SingleSendRequest(Acme, Person.ToString(), "Acme sale today. Reply STOP to opt out"));
        time.Advance(TimeSpan.FromHours(6));
        var released = await services.GetRequiredService<IDeferredSendScheduler>().ReleaseDueAsync();

        result.Held.Should().BeTrue();
        released.Should().Be(1);
        transport.Sent.Should().ContainSingle().Which.Body.Should().StartWith("Acme sale today");
    }

    [Fact]
    public async Task Identification_binds_marketing_single_sends_under_Enforce_and_not_transactional_ones()
    {
        var (services, transport, _) = await BuildAsync("none", o =>
        {
            o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Enforce;
            o.Sending.SenderIdentity.Name = "Acme";
        });
        await using var _ = services;
        var sender = services.GetRequiredService<ISmsSender>();

        var marketing = () => sender.SendAsync(new SingleSendRequest(Acme, Person.ToString(), "Big sale today! Reply STOP to opt out"));
        var receipt = await sender.SendAsync(new SingleSendRequest(Acme, Person.ToString(), "Your order 1234 has shipped.") { Purpose = MessagePurpose.Transactional });

        await marketing.Should().ThrowAsync<SenderIdentificationRequiredException>();
        receipt.Status.Should().Be(RecipientStatus.Sent);
        transport.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task A_purpose_may_be_bound_by_more_rules_than_the_default()
    {
        var (services, _, _) = await BuildAsync("calling hours closed", o => o.Sending.PurposeRules[MessagePurpose.Informational] = SendRules.QuietHours);
        await using var _ = services;

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(new SingleSendRequest(Acme, Person.ToString(), "School is closed today") { Purpose = MessagePurpose.Informational });

        result.Status.Should().Be(RecipientStatus.Deferred);
    }

    [Theory]
    [InlineData((MessagePurpose)9, null, "DefaultPurpose 9")]
    [InlineData(MessagePurpose.Marketing, (SendRules)64, "PurposeRules[Marketing] = 64")]
    public void Undefined_purposes_and_rules_are_refused_at_startup(MessagePurpose purpose, SendRules? rules, string expected)
    {
        var build = () =>
        {
            using var services = SenderServices.Build(new RecordingTransport(), o =>
            {
                o.Sending.DefaultPurpose = purpose;
                if (rules is { } r)
                {
                    o.Sending.PurposeRules[MessagePurpose.Marketing] = r;
                }
            });
            _ = services.GetRequiredService<ISmsSender>();
        };

        build.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*{expected}*");
    }

    private static async Task<RecipientStatus> OutcomeAsync(string scenario, MessagePurpose purpose, bool list)
    {
        var (services, _, _) = await BuildAsync(scenario, _ => { });
        await using var _ = services;
        var sender = services.GetRequiredService<ISmsSender>();
        var consent = scenario == "consent required and missing" ? ConsentRequirement.OptIn : ConsentRequirement.None;
        const string Text = "Acme: news and offers. Reply STOP to opt out";
        if (!list)
        {
            return (await sender.SendAsync(new SingleSendRequest(Acme, Person.ToString(), Text) { Purpose = purpose, List = News, Consent = consent })).Status;
        }

        RecipientStatus? status = null;
        await sender.SendToListAsync(new ListSendRequest(Acme, News, Text)
        {
            Purpose = purpose, Consent = consent, OnRecipient = (o, _) => { status = o.Status; return ValueTask.CompletedTask; },
        }, new[] { Person.ToString() }.ToAsyncEnumerable());
        return status!.Value;
    }

    /// <summary>What a marketing send to <paramref name="number"/> at <paramref name="now"/> gets under the federal and every state's calling hours.</summary>
    private static async Task<(RecipientStatus Status, DateTimeOffset? NotBefore, string? Error)> StateOutcomeAsync(string number, DateTimeOffset now, bool list)
    {
        var transport = new RecordingTransport();
        await using var services = SenderServices.Build(transport, o =>
        {
            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
            foreach (var rule in QuietHoursRule.UnitedStatesStates)
            {
                o.Sending.QuietHours.Add(rule);
            }
        }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now)));
        var sender = services.GetRequiredService<ISmsSender>();
        const string Text = "Acme: news and offers. Reply STOP to opt out";
        if (!list)
        {
            var result = await sender.SendAsync(new SingleSendRequest(Acme, number, Text) { Purpose = MessagePurpose.Marketing, List = News });
            return (result.Status, result.NotBefore, result.Error);
        }

        RecipientOutcome? outcome = null;
        await sender.SendToListAsync(new ListSendRequest(Acme, News, Text)
        {
            Purpose = MessagePurpose.Marketing, OnRecipient = (o, _) => { outcome = o; return ValueTask.CompletedTask; },
        }, new[] { number }.ToAsyncEnumerable());
        return (outcome!.Status, outcome.NotBefore, outcome.Error);
    }

    /// <summary>A sender with the federal calling hours, a cap of one a day and the scenario's state.</summary>
    private static async Task<(ServiceProvider Services, RecordingTransport Transport, FakeTimeProvider Time)> BuildAsync(string scenario, Action<SmsOptOutOptions> configure)
    {
        var transport = new RecordingTransport();
        var time = new FakeTimeProvider(scenario == "calling hours closed" ? Night : Afternoon);
        var services = SenderServices.Build(transport, o =>
        {
            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
            o.Sending.FrequencyCaps.Add(new FrequencyCap { Name = "one a day", Messages = 1, Window = TimeSpan.FromDays(1) });
            configure(o);
        }, s => s.AddSingleton<TimeProvider>(time));
        switch (scenario)
        {
            case "on the Do-Not-Call registry":
                await services.GetRequiredService<IDoNotCallRegistry>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("2125550100\n")),
                    new DoNotCallImport { DataDate = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-1)) });
                break;
            case "cap reached":
                await services.GetRequiredService<ISendLedger>().TryReserveAsync(Acme, new[] { Person }, [new SendLimit("account/86400", 1, TimeSpan.FromDays(1))],
                    time.GetUtcNow(), new bool[1]);
                break;
            case "opted out":
                await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.Api));
                break;
        }

        return (services, transport, time);
    }
}
