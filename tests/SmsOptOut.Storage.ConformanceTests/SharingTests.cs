using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests;

/// <summary>Several app instances share one storage (adapters declaring <see cref="StorageCapabilities.Shared"/>).</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Shared)]
public abstract class SharingTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task An_opt_out_through_one_instance_is_seen_by_another_at_once()
    {
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();
        var otherStore = other.GetRequiredService<ISuppressionStore>();
        var number = TestNumbers.Us(17);
        (await otherStore.IsSuppressedAsync(Acme, number)).Should().BeFalse();

        await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), []);

        (await otherStore.IsSuppressedAsync(Acme, number)).Should().BeTrue();
        var flags = new bool[1];
        (await otherStore.FilterAsync(Acme, null, new[] { number }, flags)).Should().Be(1);
    }

    [SkippableFact]
    public virtual async Task An_opt_out_through_one_instance_is_skipped_by_the_next_list_send_on_another()
    {
        await using var store = Fixture.CreateStore();
        var transport = new CapturingTransport();
        await using var other = store.BuildAnotherInstance(services => services.AddSingleton<ISmsTransport>(transport));
        var sender = other.GetRequiredService<ISmsSender>();
        var numbers = new[] { TestNumbers.Us(31), TestNumbers.Us(32), TestNumbers.Us(33) };
        var request = new ListSendRequest(Acme, Newsletter, "Sale today. Reply STOP to opt out");
        (await sender.SendToListAsync(request, Recipients(numbers))).Sent.Should().Be(3, "nobody has opted out yet");

        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, numbers[1], OptOutSource.Api));
        while (transport.Sent.TryDequeue(out _))
        {
        }

        var second = await sender.SendToListAsync(request, Recipients(numbers));

        second.Sent.Should().Be(2);
        second.Suppressed.Should().Be(1, "the opt-out written through the first instance counts on the second at once, with no cache in between");
        transport.Sent.Select(m => m.To).Should().BeEquivalentTo([numbers[0], numbers[2]]);
    }

    [SkippableFact]
    public virtual async Task A_token_issued_by_one_instance_resolves_on_another()
    {
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();
        var token = new StoredLinkToken("Shared1Tok", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(2)), store.Time.GetUtcNow().AddDays(60));

        await store.LinkTokens.AddAsync([token]);

        (await other.GetRequiredService<IOptOutLinkTokenStore>().FindAsync(token.Token, store.Time.GetUtcNow())).Should().BeEquivalentTo(token);
    }

    [SkippableFact]
    public virtual async Task Two_instances_never_claim_the_same_message()
    {
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();
        var otherOutbox = other.GetRequiredService<IWebhookOutboxStore>();
        var now = store.Time.GetUtcNow();
        for (var i = 0; i < 100; i++)
        {
            await store.OweWebhookAsync(Acme, TestNumbers.Us(100 + i));
        }

        var lease = TimeSpan.FromMinutes(1);
        var claims = await Task.WhenAll(
            Task.Run(() => store.Outbox.ClaimDueAsync("instance-a", now, lease, 60)),
            Task.Run(() => otherOutbox.ClaimDueAsync("instance-b", now, lease, 60)));

        claims.SelectMany(c => c).Select(m => m.Id).Should().HaveCount(100).And.OnlyHaveUniqueItems();
    }

    private static async IAsyncEnumerable<string> Recipients(IEnumerable<PhoneNumber> numbers)
    {
        foreach (var number in numbers)
        {
            await Task.Yield();
            yield return number.ToString();
        }
    }

    [SkippableFact]
    public virtual async Task Reporters_of_two_instances_send_each_due_report_once()
    {
        await using var store = Fixture.CreateStore();
        // A slow provider: while one instance is sending, the other reads the same cursor and finds the period due.
        var transport = new CapturingTransport { Delay = TimeSpan.FromMilliseconds(300) };
        var settings = new AccountReportSettings
        {
            Channels = ReportChannels.Sms, SmsRecipients = [TestNumbers.Us(900)], Cadence = ReportCadence.Immediate(TimeSpan.FromMinutes(1)),
        };
        void Configure(IServiceCollection services)
        {
            services.AddSingleton<ISmsTransport>(transport);
            services.Configure<SmsOptOutOptions>(o =>
            {
                o.Reports.Accounts[Acme.Value] = settings;
                o.Reports.EnableReporter = false;
            });
        }

        await using var a = store.BuildAnotherInstance(Configure);
        await using var b = store.BuildAnotherInstance(Configure);
        var reporters = new[] { a.GetRequiredService<IUnsubscriptionReporter>(), b.GetRequiredService<IUnsubscriptionReporter>() };
        async Task<int> RoundAsync() => (await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => reporters[i % 2].SendDueReportsAsync())))).Sum();

        (await RoundAsync()).Should().Be(0, "the first round only starts the account's schedule");
        for (var period = 1; period <= 3; period++)
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(period), OptOutSource.Api));
            store.Time.Advance(TimeSpan.FromMinutes(2));

            (await RoundAsync()).Should().Be(1, $"period {period} is reported by one of the eight concurrent calls");
            (await RoundAsync()).Should().Be(0, "a reported period is not reported again");
            transport.Sent.Should().HaveCount(period);
        }
    }

    [SkippableFact]
    public virtual async Task A_webhook_value_used_through_one_instance_is_a_replay_on_another()
    {
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();
        var otherGuard = other.GetRequiredService<SmsOptOut.Providers.IWebhookReplayGuard>();
        var until = store.Time.GetUtcNow().AddHours(1);

        (await store.ReplayGuard.TryUseAsync("plivo:shared-nonce", until)).Should().BeTrue();

        (await otherGuard.TryUseAsync("plivo:shared-nonce", until)).Should().BeFalse("a captured request replayed to another instance is still a replay");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? store.ReplayGuard : otherGuard).TryUseAsync("plivo:raced", until))));
        concurrent.Count(used => used).Should().Be(1, "two instances racing for one value: one wins");
    }

    [SkippableFact]
    public virtual async Task A_reconciliation_checkpoint_saved_by_one_instance_is_read_by_another()
    {
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();

        await store.Checkpoints.SaveCheckpointAsync(Acme, "telnyx", "{\"through\":1}", store.Time.GetUtcNow());

        (await other.GetRequiredService<SmsOptOut.Providers.IReconciliationCheckpointStore>().GetCheckpointAsync(Acme, "telnyx")).Should().Be("{\"through\":1}");
    }
}
