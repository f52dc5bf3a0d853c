using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Privacy;

/// <summary>
/// The contract of <see cref="IDataSubjectStore"/> and of pseudonymous suppressions in <see cref="ISuppressionStore"/>:
/// an erased number stays suppressed in every scope while nothing readable of it remains; erasing twice changes nothing;
/// a later opt-in is a fresh start; an erasure during a list send never lets a message through; retention removes
/// the personal details of old evidence; the access report holds everything.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.DataSubjects)]
public abstract partial class DataSubjectStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    internal static readonly PhoneNumber Erased = TestNumbers.Us(4_155_552_671);
    internal static readonly PhoneNumber ListOnly = TestNumbers.Us(4_155_552_672);
    internal static readonly PhoneNumber Bystander = TestNumbers.Us(4_155_552_673);

    private static readonly ConsentEvidence PersonalEvidence = new()
    {
        IpAddress = "203.0.113.7", UserAgent = "Mozilla/5.0 (iPhone)", MessageText = "STOP please", Note = "asked by phone", ProviderName = "twilio", ProviderMessageId = "SM1",
    };

    [SkippableFact]
    public virtual async Task An_erased_number_stays_suppressed_in_every_scope_and_nothing_readable_of_it_remains()
    {
        await using var store = Fixture.CreateStore();
        var (token, webhookId) = await SeedAsync(store);

        var all = await store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "ticket-7", "GDPR Art. 17 request by e-mail"));
        var list = await store.DataSubjectService.EraseAsync(new ErasureRequest(ListOnly, "ticket-8", "GDPR Art. 17 request by e-mail"));

        var record = all.Records.Should().ContainSingle().Subject;
        record.Account.Should().Be(Acme);
        record.Events.Should().Be(1);
        record.Suppressions.Should().Be(1);
        record.Tokens.Should().Be(1);
        record.Webhooks.Should().Be(1);
        record.Replies.Should().Be(1);
        list.Records.Should().ContainSingle().Which.Suppressions.Should().Be(1);

        (await store.Suppression.IsSuppressedAsync(Acme, Erased)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, Erased, Newsletter)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, ListOnly)).Should().BeFalse("it was suppressed in one list only");
        (await store.Suppression.IsSuppressedAsync(Acme, ListOnly, Newsletter)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, ListOnly, Offers)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Globex, Erased)).Should().BeFalse("the suppression stays in its own account");
        await FilterShouldBe(store, null, true, false);
        await FilterShouldBe(store, Newsletter, true, true);
        await FilterShouldBe(store, Offers, true, false);

        (await store.HistoryAsync(Acme, Erased)).Should().BeEmpty();
        (await store.HistoryAsync(Acme, ListOnly)).Should().BeEmpty();
        (await ListedAsync(store)).Should().Equal(Bystander);
        var events = new List<ConsentEvent>();
        await foreach (var e in store.Suppression.GetEventsAsync(Acme, DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
        {
            events.Add(e);
        }

        events.Select(e => e.Number).Should().Equal(Bystander);
        (await store.LinkTokens.FindAsync(token, store.Time.GetUtcNow())).Should().BeNull();
        (await store.DataSubjects.GetTokensAsync(Acme, Erased)).Should().BeEmpty();
        (await store.DataSubjects.GetWebhooksAsync(Acme, Erased)).Should().BeEmpty();
        var digits = Erased.ToString().TrimStart('+');
        (await store.Outbox.ClaimDueAsync("w", store.Time.GetUtcNow().AddDays(1), TimeSpan.FromMinutes(1), 100))
            .Should().NotContain(m => m.Id == webhookId || m.Payload.Contains(digits, StringComparison.Ordinal));
        (await store.ReplyLedger.TryRecordReplyAsync(Acme, Erased, store.Time.GetUtcNow(), TimeSpan.FromDays(1))).Should().BeTrue("its reply row is gone");

        var records = await ErasuresAsync(store, Acme);
        records.Select(r => r.RequestId).Should().Equal("ticket-7", "ticket-8");
        records.Should().OnlyContain(r => r.Reason == "GDPR Art. 17 request by e-mail" && r.ErasedAt == TestStore.Epoch);
    }

    [SkippableFact]
    public virtual async Task Erasing_twice_finds_nothing_the_second_time_and_keeps_one_record()
    {
        await using var store = Fixture.CreateStore();
        await SeedAsync(store);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "ticket-1", "request"));

        var again = await store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "ticket-1", "request"));
        var again2 = await store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "ticket-1", "request") { Account = Acme });

        again.Found.Should().BeFalse();
        again2.Found.Should().BeFalse();
        (await ErasuresAsync(store, Acme)).Should().ContainSingle();
        (await store.Suppression.IsSuppressedAsync(Acme, Erased)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task A_later_opt_in_is_a_fresh_start_and_a_later_opt_out_suppresses_again()
    {
        await using var store = Fixture.CreateStore();
        await SeedAsync(store);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "t-1", "request"));
        await store.DataSubjectService.EraseAsync(new ErasureRequest(ListOnly, "t-2", "request"));

        var optIn = await store.OptOut.OptInAsync(new ConsentRequest(Acme, Erased, OptOutSource.Keyword));
        var listOptIn = await store.OptOut.OptInAsync(new ConsentRequest(Acme, ListOnly, OptOutSource.Api) { Scope = SuppressionScope.List, List = Newsletter });

        optIn.Status.Should().Be(ConsentApplyStatus.Applied);
        listOptIn.Status.Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.IsSuppressedAsync(Acme, Erased, Newsletter)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Acme, ListOnly, Newsletter)).Should().BeFalse();
        await FilterShouldBe(store, Newsletter, false, false);
        (await store.HistoryAsync(Acme, Erased)).Should().ContainSingle().Which.Kind.Should().Be(ConsentKind.OptIn);

        (await store.OptOut.OptOutAsync(new ConsentRequest(Acme, Erased, OptOutSource.Keyword))).Status.Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.IsSuppressedAsync(Acme, Erased)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task Without_an_account_every_account_that_holds_the_number_is_erased()
    {
        await using var store = Fixture.CreateStore();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, Erased, OptOutSource.Api));
        await store.OptOut.OptOutAsync(new ConsentRequest(Globex, Erased, OptOutSource.Api));
        await store.OptOut.OptOutAsync(new ConsentRequest(Globex, Bystander, OptOutSource.Api));
        var initech = new AccountId("initech");
        await store.LinkTokens.AddAsync([new StoredLinkToken("TkInitech01", new OptOutLinkTarget(initech, Newsletter, Erased), store.Time.GetUtcNow().AddDays(90))]);
        var umbrella = new AccountId("umbrella");
        await store.ReplyLedger.TryRecordReplyAsync(umbrella, Erased, store.Time.GetUtcNow(), TimeSpan.FromDays(1));

        var result = await store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "t-9", "request"));

        result.Records.Select(r => r.Account).Should().BeEquivalentTo([Acme, Globex, initech, umbrella], "an account that only issued a link or answered a text holds the number too");
        result.Records.Single(r => r.Account == initech).Tokens.Should().Be(1);
        result.Records.Single(r => r.Account == umbrella).Replies.Should().Be(1);
        (await store.Suppression.IsSuppressedAsync(Acme, Erased)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Globex, Erased)).Should().BeTrue();
        (await store.HistoryAsync(Globex, Erased)).Should().BeEmpty();
        (await store.HistoryAsync(Globex, Bystander)).Should().ContainSingle();
    }

    [SkippableFact]
    public virtual async Task An_erasure_during_list_sends_never_lets_a_message_through()
    {
        var transport = new CapturingTransport();
        await using var store = Fixture.CreateStore(services =>
        {
            services.AddSingleton<ISmsTransport>(transport);
            services.Configure<SmsOptOutOptions>(o => o.Sending.BatchSize = 25);
        });
        var sender = store.Services;
        var suppressed = TestNumbers.Range(60, 500);
        await store.OptOut.OptOutManyAsync([.. suppressed.Select(n => new ConsentRequest(Acme, n, OptOutSource.Import))]);
        var recipients = TestNumbers.Range(600, 200).Select(n => n.ToString()).ToArray();

        var sends = Enumerable.Range(0, 4).Select(_ => sender.GetRequiredService<ISmsSender>()
            .SendToListAsync(new ListSendRequest(Acme, Newsletter, "Sale. Reply STOP to opt out"), recipients.ToAsyncEnumerable())).ToArray();
        var erasures = Task.Run(async () =>
        {
            foreach (var number in suppressed)
            {
                await store.DataSubjectService.EraseAsync(new ErasureRequest(number, "bulk", "request") { Account = Acme });
            }
        });
        await Task.WhenAll([.. sends, erasures]);

        var sent = transport.Sent.Select(m => m.To).ToHashSet();
        sent.Should().NotIntersectWith(suppressed, "an erased number is suppressed before, during and after its erasure");
        sent.Should().HaveCount(540);
        sends.Should().OnlyContain(s => s.Result.Suppressed == 60);
    }

    [SkippableFact]
    public virtual async Task Retention_removes_the_personal_details_of_old_evidence_and_keeps_the_events()
    {
        await using var store = Fixture.CreateStore();
        for (var i = 0; i < 3; i++)
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(10 + i), OptOutSource.OptOutLink) { Evidence = PersonalEvidence });
        }

        store.Time.Advance(TimeSpan.FromDays(400));
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(20), OptOutSource.OptOutLink) { Evidence = PersonalEvidence });
        var cutoff = store.Time.GetUtcNow().AddDays(-365);

        (await store.DataSubjects.MinimizeEvidenceAsync(cutoff, 2)).Should().Be(2);
        (await store.DataSubjects.MinimizeEvidenceAsync(cutoff, 2)).Should().Be(1);
        (await store.DataSubjects.MinimizeEvidenceAsync(cutoff, 2)).Should().Be(0);

        for (var i = 0; i < 3; i++)
        {
            var e = (await store.HistoryAsync(Acme, TestNumbers.Us(10 + i))).Should().ContainSingle().Subject;
            e.Evidence.Should().Be(new ConsentEvidence { ProviderName = "twilio", ProviderMessageId = "SM1" });
            e.Source.Should().Be(OptOutSource.OptOutLink);
            (await store.Suppression.IsSuppressedAsync(Acme, e.Number)).Should().BeTrue();
        }

        (await store.HistoryAsync(Acme, TestNumbers.Us(20))).Single().Evidence.Should().Be(PersonalEvidence, "it is younger than the cutoff");
        if (Fixture.Capabilities.HasFlag(StorageCapabilities.ConsentLog))
        {
            var log = await store.Claimed<SmsOptOut.Evidence.IConsentLogStore>().ReadLogAsync(Acme, 0, 10);
            log.Select(e => (e.Salt is null, e.FieldCheck is null)).Should().Equal([(true, true), (true, true), (true, true), (false, false)],
                "a minimization takes the salt and the field check keyed by it, and keeps the leaf");
        }
    }

    [SkippableFact]
    public virtual async Task The_access_report_holds_the_suppressions_events_webhooks_and_tokens_of_the_number()
    {
        await using var store = Fixture.CreateStore();
        var (token, webhookId) = await SeedAsync(store);
        using var report = new MemoryStream();
        using var empty = new MemoryStream();

        await store.DataSubjectService.WriteAccessReportAsync(Acme, Erased, report);
        await store.DataSubjectService.WriteAccessReportAsync(Acme, TestNumbers.Us(999), empty);

        using var document = JsonDocument.Parse(report.ToArray());
        var root = document.RootElement;
        root.GetProperty("number").GetString().Should().Be(Erased.ToString());
        var suppression = root.GetProperty("suppressions").EnumerateArray().Should().ContainSingle().Subject;
        suppression.GetProperty("scope").GetString().Should().Be("account");
        var e = root.GetProperty("events").EnumerateArray().Should().ContainSingle().Subject;
        e.GetProperty("evidence").GetProperty("ip_address").GetString().Should().Be("203.0.113.7");
        e.GetProperty("evidence").GetProperty("note").GetString().Should().Be("asked by phone");
        root.GetProperty("webhooks").EnumerateArray().Should().ContainSingle().Which.GetProperty("id").GetString().Should().Be(webhookId);
        root.GetProperty("tokens").EnumerateArray().Should().ContainSingle().Which.GetProperty("token").GetString().Should().Be(token);
        using var nothing = JsonDocument.Parse(empty.ToArray());
        foreach (var section in new[] { "suppressions", "events", "webhooks", "tokens" })
        {
            nothing.RootElement.GetProperty(section).GetArrayLength().Should().Be(0, section);
        }
    }

    [SkippableFact]
    public virtual async Task Unreadable_requests_are_refused_naming_the_field_and_change_nothing()
    {
        await using var store = Fixture.CreateStore();
        await SeedAsync(store);

        var withNumber = () => store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "t-1", "caller " + Erased + " asked"));
        var empty = () => store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, " ", "request"));
        var huge = () => store.DataSubjectService.EraseAsync(new ErasureRequest(Erased, "t-1", new string('x', 501)));

        (await withNumber.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Reason");
        (await empty.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("RequestId");
        (await huge.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Reason");
        (await store.HistoryAsync(Acme, Erased)).Should().ContainSingle();
        (await ErasuresAsync(store, Acme)).Should().BeEmpty();
    }

    /// <summary>
    /// <see cref="Erased"/>: an account-wide opt-out with personal evidence, a stored token, a reply row and an owed
    /// webhook; <see cref="ListOnly"/>: a newsletter opt-out; <see cref="Bystander"/>: an account-wide opt-out.
    /// </summary>
    internal static async Task<(string Token, string WebhookId)> SeedAsync(TestStore store)
    {
        var now = store.Time.GetUtcNow();
        var optOut = Events.OptOut(Acme, Erased, now) with { Source = OptOutSource.OptOutLink, Evidence = PersonalEvidence };
        var webhook = Events.Message(optOut, now);
        (await store.Suppression.ApplyAsync(optOut, [webhook])).Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.ApplyAsync(Events.OptOut(Acme, ListOnly, now, Newsletter), [])).Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.ApplyAsync(Events.OptOut(Acme, Bystander, now), [])).Should().Be(ConsentApplyStatus.Applied);
        var token = "Tk" + Guid.NewGuid().ToString("N")[..10];
        (await store.LinkTokens.AddAsync([new StoredLinkToken(token, new OptOutLinkTarget(Acme, Newsletter, Erased), now.AddDays(90))])).Should().BeEmpty();
        (await store.ReplyLedger.TryRecordReplyAsync(Acme, Erased, now, TimeSpan.FromDays(1))).Should().BeTrue();
        return (token, webhook.Id);
    }

    /// <summary>Filters <see cref="Erased"/>, <see cref="ListOnly"/> and <see cref="Bystander"/> (always suppressed) for <paramref name="list"/>.</summary>
    private static async Task FilterShouldBe(TestStore store, ListId? list, bool erased, bool listOnly)
    {
        var flags = new bool[3];
        var count = await store.Suppression.FilterAsync(Acme, list, new[] { Erased, ListOnly, Bystander }, flags);
        flags.Should().Equal([erased, listOnly, true], "for list {0}", list?.Value ?? "(account)");
        count.Should().Be(flags.Count(f => f));
    }

    private static async Task<List<PhoneNumber>> ListedAsync(TestStore store) =>
        [.. (await store.Suppression.GetSuppressedAsync(Acme, SuppressionCursor.Start, 100)).Select(s => s.Number)];

    private static async Task<List<ErasureRecord>> ErasuresAsync(TestStore store, AccountId account)
    {
        var records = new List<ErasureRecord>();
        await foreach (var r in store.DataSubjects.GetErasuresAsync(account))
        {
            records.Add(r);
        }

        return records;
    }
}
