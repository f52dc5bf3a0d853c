using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Links;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests;

/// <summary>Everything a store keeps survives a restart (adapters declaring <see cref="StorageCapabilities.Durable"/>).</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.Durable)]
public abstract class DurabilityTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Opt_outs_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var e = Events.OptOut(Acme, TestNumbers.Us(16), store.Time.GetUtcNow(), Newsletter);
        await store.Suppression.ApplyAsync(e, []);

        await store.ReopenAsync();

        (await store.Suppression.IsSuppressedAsync(Acme, e.Number, Newsletter)).Should().BeTrue();
        (await store.HistoryAsync(Acme, e.Number)).Should().ContainSingle().Which.Should().BeEquivalentTo(e);
        (await store.Suppression.ApplyAsync(e, [])).Should().Be(ConsentApplyStatus.Duplicate);
    }

    [SkippableFact]
    public virtual async Task Do_not_call_registry_sets_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var numbers = TestNumbers.Range(2, 40);
        var date = new DateOnly(2026, 11, 20);
        await store.Services.GetRequiredService<IDoNotCallRegistry>()
            .ImportAsync(DoNotCall.DoNotCallRegistryStoreTests<TFixture>.File(numbers), new DoNotCallImport { Account = Acme, DataDate = date });

        await store.ReopenAsync();

        (await store.Services.GetRequiredService<IDoNotCallRegistry>().GetAsync(Acme)).Should().Be(new DoNotCallRegistryInfo(Acme, date, store.Time.GetUtcNow(), 2));
        (await DoNotCall.DoNotCallRegistryStoreTests<TFixture>.ListedAsync(store, Acme, numbers)).Should().Equal(true, true);
    }

    [SkippableFact]
    public virtual async Task Opt_ins_and_pending_requests_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var request = new SmsOptOut.OptIn.OptInConfirmationRequest(now, now.AddDays(1), OptIn.OptInStoreTests<TFixture>.FormEvidence);
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(1), request, TimeSpan.Zero);
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(2), request, TimeSpan.Zero);
        var confirmed = await store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(2), now, new ConsentEvidence { MessageText = "YES" });

        await store.ReopenAsync();

        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(1))).Should().BeEquivalentTo(new SmsOptOut.OptIn.OptInRecord(Acme, TestNumbers.Us(1)) { Request = request });
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(2))).Should().BeEquivalentTo(confirmed);
        (await store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(1), now.AddHours(1), ConsentEvidence.None)).Should().NotBeNull("still pending after the restart");
    }

    [SkippableFact]
    public virtual async Task Held_messages_and_frequency_counts_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var held = new SmsOptOut.Sending.DeferredSend("durable-1", Acme, TestNumbers.Us(3), now.AddHours(2), Sending.DeferredSendStoreTests<TFixture>.Message);
        var once = new SmsOptOut.Sending.SendLimit("account/86400", 1, TimeSpan.FromDays(1));
        await store.HeldMessages.AddAsync([held]);
        await store.SendLedger.TryReserveAsync(Acme, new[] { TestNumbers.Us(4) }, [once], now, new bool[1]);

        await store.ReopenAsync();

        (await store.HeldMessages.ClaimDueAsync(now.AddHours(2), 10)).Should().Equal(held);
        var reserved = new bool[1];
        await store.SendLedger.TryReserveAsync(Acme, new[] { TestNumbers.Us(4) }, [once], now.AddHours(1), reserved);
        reserved.Should().Equal([false], "the message sent before the restart still counts");
    }

    [SkippableFact]
    public virtual async Task Link_tokens_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var token = new StoredLinkToken("Durab1eTok", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(1)), store.Time.GetUtcNow().AddDays(60));
        await store.LinkTokens.AddAsync([token]);

        await store.ReopenAsync();

        (await store.LinkTokens.FindAsync(token.Token, store.Time.GetUtcNow())).Should().BeEquivalentTo(token);
    }

    [SkippableFact]
    public virtual async Task Owed_webhooks_survive_a_restart_with_their_retry_state()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var message = await store.OweWebhookAsync(Acme, TestNumbers.Us(3));
        await store.Outbox.ClaimDueAsync("a", now, TimeSpan.FromMinutes(1), 10);
        await store.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "a", OutboxMessageState.Pending, 1, now, now.AddSeconds(5), "HTTP 503"));

        await store.ReopenAsync();

        var reloaded = await store.Outbox.FindAsync(message.Id);
        reloaded.Should().BeEquivalentTo(message with
        {
            Attempts = 1, NextAttemptAt = now.AddSeconds(5), LastAttemptAt = now, LastError = "HTTP 503",
        });
    }

    [SkippableFact]
    public virtual async Task Used_webhook_values_and_reconciliation_checkpoints_survive_a_restart()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddHours(72);
        await store.ReplayGuard.TryUseAsync("vonage:nonce-before-restart", until);
        await store.Checkpoints.SaveCheckpointAsync(Acme, "smsto", "{\"through\":2}", store.Time.GetUtcNow());

        await store.ReopenAsync();

        (await store.ReplayGuard.TryUseAsync("vonage:nonce-before-restart", until)).Should().BeFalse("a replay after a restart is still a replay");
        (await store.Checkpoints.GetCheckpointAsync(Acme, "smsto")).Should().Be("{\"through\":2}");
    }
}
