using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>The SmsOptOut health checks against a real SQLite file: healthy, degraded and unhealthy, each for its reason.</summary>
public sealed class SqliteHealthCheckTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    [Fact]
    public async Task A_store_with_nothing_owed_is_healthy()
    {
        await using var store = fixture.CreateStore(services => services.AddHealthChecks().AddSmsOptOutHealthChecks());

        var report = await store.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Healthy);
        report.Entries.Keys.Should().BeEquivalentTo(["smsoptout-storage", "smsoptout-webhooks", "smsoptout-evidence"]);
    }

    [Fact]
    public async Task The_evidence_check_degrades_when_the_log_was_not_verified_lately_or_does_not_match_what_it_recorded()
    {
        await using var store = fixture.CreateStore(services => services.AddHealthChecks().AddSmsOptOutHealthChecks());
        var health = store.Services.GetRequiredService<HealthCheckService>();
        var evidence = store.Services.GetRequiredService<SmsOptOut.Evidence.IConsentEvidence>();
        var optOut = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword) { Evidence = new ConsentEvidence { Note = "asked by phone 1" } });
        await evidence.CheckpointAsync(Acme);
        (await health.CheckHealthAsync()).Entries["smsoptout-evidence"].Status.Should().Be(HealthStatus.Healthy, "the first verification is not due yet");

        store.Time.Advance(TimeSpan.FromDays(3));
        var never = (await health.CheckHealthAsync()).Entries["smsoptout-evidence"];
        await evidence.VerifyAllAsync();
        var intact = (await health.CheckHealthAsync()).Entries["smsoptout-evidence"];
        (await fixture.TamperAsync(store.IsolationKey, Acme, optOut.Event.EventId, Tampering.EditNote)).Should().BeTrue();
        await evidence.VerifyAllAsync();
        var tampered = (await health.CheckHealthAsync()).Entries["smsoptout-evidence"];

        never.Status.Should().Be(HealthStatus.Degraded);
        never.Description.Should().Contain("has not been verified");
        intact.Status.Should().Be(HealthStatus.Healthy);
        tampered.Status.Should().Be(HealthStatus.Degraded);
        tampered.Description.Should().Contain("the consent log of acme does not match what it recorded").And.Contain(optOut.Event.EventId);
    }

    [Fact]
    public async Task The_evidence_check_says_the_checkpoints_were_not_checked_when_no_key_is_configured_and_not_that_the_log_was_tampered_with()
    {
        await using var signer = fixture.CreateStore();
        await signer.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));
        await signer.Services.GetRequiredService<SmsOptOut.Evidence.IConsentEvidence>().CheckpointAsync(Acme);
        await using var keyless = fixture.CreateStore(signer.IsolationKey, services =>
        {
            services.AddHealthChecks().AddSmsOptOutHealthChecks();
            services.Configure<SmsOptOutOptions>(o => o.Evidence.SigningKeys.Clear());
        });

        var round = await keyless.Services.GetRequiredService<SmsOptOut.Evidence.IConsentEvidence>().VerifyAllAsync();
        var entry = (await keyless.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["smsoptout-evidence"];

        round.Divergences.Should().BeEmpty("the keys are missing; the log was not changed");
        round.UncheckedAccounts.Should().Equal(["acme"]);
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("the signatures of the consent log's checkpoints of acme could not be checked: no evidence key is configured (SmsOptOut:Evidence:SigningKeys")
            .And.Contain("not a divergence").And.NotContain("does not match what it recorded");
    }

    [Theory]
    [InlineData(2, HealthStatus.Healthy)]
    [InlineData(10, HealthStatus.Degraded)]
    [InlineData(40, HealthStatus.Unhealthy)]
    public async Task An_overdue_webhook_degrades_and_then_fails_the_webhook_check(int minutesOverdue, HealthStatus expected)
    {
        await using var store = fixture.CreateStore(services => services.AddHealthChecks().AddSmsOptOutHealthChecks());
        await store.OweWebhookAsync(Acme, TestNumbers.Us(1), store.Time.GetUtcNow().AddMinutes(-minutesOverdue));

        var report = await store.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var webhooks = report.Entries["smsoptout-webhooks"];
        webhooks.Status.Should().Be(expected);
        webhooks.Data["webhooks_overdue_seconds"].Should().Be((long)minutesOverdue * 60);
        report.Entries["smsoptout-storage"].Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Dead_letters_degrade_the_webhook_check()
    {
        await using var store = fixture.CreateStore(services => services.AddHealthChecks().AddSmsOptOutHealthChecks());
        var message = await store.OweWebhookAsync(Acme, TestNumbers.Us(2));
        var now = store.Time.GetUtcNow();
        await store.Outbox.ClaimDueAsync("w", now, TimeSpan.FromMinutes(1), 10);
        await store.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "w", OutboxMessageState.DeadLettered, 15, now, now, "HTTP 410"));

        var report = await store.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["smsoptout-webhooks"].Status.Should().Be(HealthStatus.Degraded);
        report.Entries["smsoptout-webhooks"].Description.Should().Contain("1 webhooks are dead-lettered");
    }

    [Fact]
    public async Task A_storage_that_cannot_be_opened_fails_the_storage_check_with_the_reason()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite($"Data Source={Path.Combine(fixture.Folder, "missing-folder", "optout.db")};Mode=ReadWrite");
        services.AddHealthChecks().AddSmsOptOutHealthChecks();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["smsoptout-storage"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["smsoptout-storage"].Description.Should().StartWith("The storage does not answer: SqliteException");
    }

    [Fact]
    public void Thresholds_out_of_order_are_refused_at_startup()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddSmsOptOutHealthChecks(o =>
        {
            o.WebhooksDegradedAfter = TimeSpan.FromMinutes(10);
            o.WebhooksUnhealthyAfter = TimeSpan.FromMinutes(5);
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsOptOut.HealthChecks.SmsOptOutHealthCheckOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*WebhooksUnhealthyAfter 00:05:00 must be at least WebhooksDegradedAfter*");
    }
}
