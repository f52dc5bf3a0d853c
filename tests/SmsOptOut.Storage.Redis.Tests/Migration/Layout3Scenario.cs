using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// What was written in key layout 3 over the layout-2 dataset (which brings events from before the consent log, without
/// leaves) to make <c>legacy-layout-3.json</c>, at <see cref="TestStore.Epoch"/> (t): acme's Us(30) opted out by link (a
/// service-made <c>evt_</c> id; token, IP, user agent and page URL; list news, campaign spring); Us(31) by STOP (message
/// text, provider and its message id, a note); Us(32) paused for a week; Us(33) opted out and the opt-out undone (an
/// opt-in that reverts it); Us(34) opted out and erased (its leaf kept); Us(35) opted out by link a year before t, its
/// evidence then minimised by retention; globex:eu's Us(30) opted out of list offers, then Us(36) twice from lists.
/// </summary>
internal static class Layout3Scenario
{
    public static readonly AccountId Acme = new("acme");
    public static readonly AccountId Globex = new("globex:eu");

    public static AccountId[] Accounts => [Acme, Globex];

    public static PhoneNumber[] Numbers => [.. Enumerable.Range(1, 40).Select(i => TestNumbers.Us(i))];

    public static async Task WriteAsync(TestStore store)
    {
        var t = TestStore.Epoch;
        var link = new ConsentEvidence
        {
            LinkToken = "Qx7Fh2Lm9", IpAddress = "203.0.113.45", PageUrl = "https://opt.example.com/u/Qx7Fh2Lm9",
            UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        };
        var s = store.Suppression;
        await s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(30), t.AddMinutes(1), new ListId("news"), "evt_" + Guid.CreateVersion7(t).ToString("N")) with
        {
            Source = OptOutSource.OptOutLink, Campaign = new CampaignId("spring"), Evidence = link,
        }, []);
        await s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(31), t.AddMinutes(2)) with
        {
            Source = OptOutSource.Keyword,
            Evidence = new ConsentEvidence { MessageText = "Stop. Thank you", ProviderName = "twilio", ProviderMessageId = "SM0123456789abcdef0123456789abcdef", Note = "asked by phone 42" },
        }, []);
        await s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(32), t.AddMinutes(3)) with { PausedUntil = t.AddDays(7) }, []);
        var undone = Events.OptOut(Acme, TestNumbers.Us(33), t.AddMinutes(4));
        await s.ApplyAsync(undone, []);
        await s.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(33), t.AddMinutes(5)) with { Reverts = undone.EventId }, []);
        await s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(34), t.AddMinutes(6)) with { Evidence = link }, []);
        await s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(35), t.AddYears(-1)) with { RecordedAt = t.AddYears(-1), Evidence = link, Source = OptOutSource.OptOutLink }, []);
        await s.ApplyAsync(Events.OptOut(Globex, TestNumbers.Us(30), t.AddMinutes(7), new ListId("offers")), []);
        await s.ApplyAsync(Events.OptOut(Globex, TestNumbers.Us(36), t.AddMinutes(8), new ListId("offers")), []);
        await s.ApplyAsync(Events.OptOut(Globex, TestNumbers.Us(36), t.AddMinutes(9), new ListId("news")), []);
        await store.DataSubjectService.EraseAsync(new Privacy.ErasureRequest(TestNumbers.Us(34), "ticket-34", "asked") { Account = Acme });
        await store.DataSubjects.MinimizeEvidenceAsync(t.AddDays(-30), 100);
    }
}
