using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Compliance;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Compliance;

/// <summary>
/// The sourced table <c>purpose-rules.json</c> (the same as docs/compliance.md's) drives the sends: under each profile,
/// for each purpose, a rule the table lists holds the message back and a rule it does not list lets it go — for a single
/// send and a list send alike, with the same outcome. Consent a send requires binds every purpose, missing or expired.
/// </summary>
public sealed class PurposeRulesTableTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly ListId News = new("news");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+12125550100");

    /// <summary>02:00 in New York: the federal calling hours are closed.</summary>
    private static readonly DateTimeOffset Night = new(2026, 7, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>15:00 in New York.</summary>
    private static readonly DateTimeOffset Afternoon = new(2026, 7, 1, 19, 0, 0, TimeSpan.Zero);

    /// <summary>The scenarios, each with the rule that decides it (none: the send's consent requirement) and the outcome when it binds.</summary>
    private static readonly (string Scenario, SendRules Rule, string Held)[] Scenarios =
    [
        ("calling hours closed", SendRules.QuietHours, nameof(RecipientStatus.Deferred)),
        ("on the Do-Not-Call registry", SendRules.DoNotCallRegistry, nameof(RecipientStatus.DoNotCallRegistry)),
        ("cap reached", SendRules.FrequencyCaps, nameof(RecipientStatus.FrequencyCapped)),
        ("sender not identified", SendRules.SenderIdentification, nameof(SenderIdentificationRequiredException)),
        ("no way to opt out", SendRules.OptOutMechanism, nameof(OptOutMechanismRequiredException)),
        ("consent missing", SendRules.None, nameof(RecipientStatus.NoConsent)),
        ("consent expired", SendRules.None, nameof(RecipientStatus.NoConsent)),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Table())
        {
            foreach (var (scenario, _, _) in Scenarios)
            {
                data.Add(row.Profile, row.Purpose, scenario);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_profile_and_purpose_once_with_a_source_per_row()
    {
        var rows = Table();
        rows.Select(r => (r.Profile, r.Purpose)).Should().OnlyHaveUniqueItems().And.HaveCount(4 * 3);
        rows.Should().AllSatisfy(r => r.Sources.Should().NotBeEmpty().And.AllSatisfy(s => s.Should().Match(x => x.Contains("docs/compliance.md") || x.Contains("https://"))));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_purpose_under_each_profile_is_held_by_exactly_the_rules_of_the_table(string profile, string purpose, string scenario)
    {
        var row = Table().Single(r => r.Profile == profile && r.Purpose == purpose);
        var (_, rule, held) = Scenarios.Single(s => s.Scenario == scenario);
        var binds = rule == SendRules.None || row.Rules.Contains(rule.ToString());
        var expected = binds ? held : nameof(RecipientStatus.Sent);

        var single = await OutcomeAsync(Enum.Parse<ComplianceProfiles>(profile), Enum.Parse<MessagePurpose>(purpose), scenario, list: false);
        var list = await OutcomeAsync(Enum.Parse<ComplianceProfiles>(profile), Enum.Parse<MessagePurpose>(purpose), scenario, list: true);

        single.Should().Be(expected, $"{profile}, {purpose}, {scenario}, single send");
        list.Should().Be(expected, $"{profile}, {purpose}, {scenario}, list send");
    }

    private static async Task<string> OutcomeAsync(ComplianceProfiles profile, MessagePurpose purpose, string scenario, bool list)
    {
        var time = new FakeTimeProvider(scenario == "calling hours closed" ? Night : Afternoon);
        await using var services = SenderServices.Build(new RecordingTransport(), o =>
        {
            o.Compliance.Profiles = profile;
            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
            o.Sending.FrequencyCaps.Add(new FrequencyCap { Name = "one a day", Messages = 1, Window = TimeSpan.FromDays(1) });
            o.Sending.SenderIdentificationPolicy = SenderIdentificationPolicy.Enforce;
            o.Sending.OptOutPolicy = OptOutPolicy.Enforce;
            o.Sending.SenderIdentity.Name = "Acme";
            o.Sending.SenderIdentity.Contact = "acme.example/help";
        }, s => s.AddSingleton<TimeProvider>(time));

        var text = scenario switch
        {
            "sender not identified" => "Big news today. Reply STOP to opt out",
            "no way to opt out" => "Acme: big news today. Help: acme.example/help",
            _ => "Acme: big news today. Help: acme.example/help. Reply STOP to opt out",
        };
        var consent = scenario.StartsWith("consent", StringComparison.Ordinal) ? ConsentRequirement.OptIn : ConsentRequirement.None;
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
            case "consent expired":
                await services.GetRequiredService<IOptInService>().RecordOptInAsync(new OptInRequest(Acme, Person)
                {
                    Basis = ConsentBasis.Inquiry, BasisAt = time.GetUtcNow().AddMonths(-4),
                });
                break;
        }

        var sender = services.GetRequiredService<ISmsSender>();
        try
        {
            if (!list)
            {
                return (await sender.SendAsync(new SingleSendRequest(Acme, Person.ToString(), text) { Purpose = purpose, List = News, Consent = consent })).Status.ToString();
            }

            RecipientStatus? status = null;
            await sender.SendToListAsync(new ListSendRequest(Acme, News, text)
            {
                Purpose = purpose, Consent = consent, OnRecipient = (o, _) => { status = o.Status; return ValueTask.CompletedTask; },
            }, new[] { Person.ToString() }.ToAsyncEnumerable());
            return status!.Value.ToString();
        }
        catch (InvalidOperationException e) when (e is SenderIdentificationRequiredException or OptOutMechanismRequiredException)
        {
            return e.GetType().Name;
        }
    }

    private static IReadOnlyList<Row> Table()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Compliance", "purpose-rules.json"));
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("rows").EnumerateArray().Select(r => new Row(
            r.GetProperty("profile").GetString()!, r.GetProperty("purpose").GetString()!,
            [.. r.GetProperty("rules").EnumerateArray().Select(x => x.GetString()!)],
            [.. r.GetProperty("sources").EnumerateArray().Select(x => x.GetString()!)]))];
    }

    private sealed record Row(string Profile, string Purpose, IReadOnlyList<string> Rules, IReadOnlyList<string> Sources);
}
