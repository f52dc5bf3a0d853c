using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.InMemory;
using SmsOptOut.Suppression;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Tests.Links;

namespace SmsOptOut.Tests.Privacy;

/// <summary>The core of data protection: options checked at startup, retention run by the storage cleanup, erasures traced, a storage that cannot erase says so.</summary>
public sealed class DataSubjectServiceTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+4917612345678");
    private static readonly PseudonymKey Key = new() { Id = 1, Secret = LinkHost.Key1 };

    [Theory]
    [InlineData("duplicate ids", "key id 1 must be 1 to 255 and unique")]
    [InlineData("id 0", "key id 0 must be 1 to 255")]
    [InlineData("short secret", "at least 32 random bytes")]
    [InlineData("active missing", "ActivePseudonymKeyId 9 names no configured key")]
    [InlineData("retention too short", "MinimizeEvidenceAfter 02:00:00 must be at least 1 day")]
    public void Unsafe_options_are_refused_at_startup_naming_the_option(string scenario, string expected)
    {
        Action<SmsOptOutOptions> configure = scenario switch
        {
            "duplicate ids" => o => { o.DataProtection.PseudonymKeys.Add(Key); o.DataProtection.PseudonymKeys.Add(new PseudonymKey { Id = 1, Secret = LinkHost.Key2 }); },
            "id 0" => o => o.DataProtection.PseudonymKeys.Add(new PseudonymKey { Id = 0, Secret = LinkHost.Key1 }),
            "short secret" => o => o.DataProtection.PseudonymKeys.Add(new PseudonymKey { Id = 1, Secret = Convert.ToBase64String(new byte[16]) }),
            "active missing" => o => { o.DataProtection.PseudonymKeys.Add(Key); o.DataProtection.ActivePseudonymKeyId = 9; },
            _ => o => o.Retention.MinimizeEvidenceAfter = TimeSpan.FromHours(2),
        };
        var services = new ServiceCollection();
        services.AddSmsOptOut(configure).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task The_request_id_of_the_stores_upgrade_record_is_refused_and_nothing_is_erased()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.DataProtection.PseudonymKeys.Add(Key)).UseInMemory();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.Api));

        var act = () => provider.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(Person, "smsoptout-upgrade", "request") { Account = Acme });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'smsoptout-upgrade' is reserved for the record the store's upgrade appends");
        (await provider.GetRequiredService<IConsentLogStore>().GetLogSizeAsync(Acme)).Should().Be(1, "no erasure, no record");
    }

    [Fact]
    public async Task Without_a_pseudonym_key_an_erasure_is_refused_naming_the_option_and_changes_nothing()
    {
        await using var host = new LinkHost();
        await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.Api));

        var act = () => host.Services.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(Person, "t-1", "request"));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("DataProtection.PseudonymKeys");
        (await host.Services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Acme, Person)).Should().BeTrue();
    }

    [Fact]
    public async Task The_storage_cleanup_removes_the_personal_details_of_evidence_older_than_the_retention()
    {
        await using var host = new LinkHost(o =>
        {
            o.Retention.MinimizeEvidenceAfter = TimeSpan.FromDays(30);
            o.Links.CleanupInterval = TimeSpan.FromHours(1);
        });
        var optOut = host.Services.GetRequiredService<IOptOutService>();
        await optOut.OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.OptOutLink)
        {
            Evidence = new ConsentEvidence { IpAddress = "203.0.113.7", UserAgent = "Mozilla/5.0", LinkToken = "3kTq9ZbW1x" },
        });
        var cleanup = host.Services.GetServices<IHostedService>().OfType<SmsOptOut.Internal.StorageCleanupService>().Single();
        await cleanup.StartAsync(CancellationToken.None);

        host.Time.Advance(TimeSpan.FromDays(31));

        await Eventually.TrueAsync(async () => (await HistoryAsync(host)).Single().Evidence.IpAddress is null, "the cleanup to minimize the old evidence");
        (await HistoryAsync(host)).Single().Evidence.Should().Be(new ConsentEvidence { LinkToken = "3kTq9ZbW1x" });
        await cleanup.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_erasure_is_traced_per_account_without_the_number()
    {
        var spans = new ConcurrentQueue<Activity>();
        var account = new AccountId("trace-" + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SmsOptOutDiagnostics.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("smsoptout.account") as string == account.Value)
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = new LinkHost(o => o.DataProtection.PseudonymKeys.Add(Key));
        await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(account, Person, OptOutSource.Api));

        await host.Services.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(Person, "t-1", "request"));

        var span = spans.Should().ContainSingle(s => s.OperationName == "smsoptout.erasure").Subject;
        span.GetTagItem("smsoptout.erasure.events").Should().Be(1);
        span.GetTagItem("smsoptout.erasure.suppressions").Should().Be(1);
        span.Tags.Select(t => t.Value).Should().NotContain(v => v != null && v.Contains("17612345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_storage_without_an_erasure_contract_says_so_by_name()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.DataProtection.PseudonymKeys.Add(Key)).UseStorage("custom", RequiredStoresOnly.Register);
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(Person, "t-1", "request"));

        (await act.Should().ThrowAsync<NotSupportedException>()).Which.Message.Should().Contain("IDataSubjectStore");
    }

    [Fact]
    public void Pseudonyms_are_deterministic_keyed_and_never_a_phone_numbers_value()
    {
        var one = Pseudonyms(Key);
        var other = Pseudonyms(new PseudonymKey { Id = 1, Secret = LinkHost.Key2 });
        var numbers = Enumerable.Range(0, 1_000).Select(i => PhoneNumber.FromValue(4_917_600_000_000UL + (ulong)i)).ToArray();
        var batch = new ulong[numbers.Length];

        one.Compute(1, numbers, batch);

        batch.Should().OnlyHaveUniqueItems().And.OnlyContain(p => p >= (1UL << 63), "the top bit keeps pseudonyms apart from numbers");
        batch[7].Should().Be(one.Compute(1, numbers[7]), "a batch and a single number agree");
        one.Create(numbers[7]).Value.Should().Be(batch[7]);
        other.Compute(1, numbers[7]).Should().NotBe(batch[7], "another secret gives other pseudonyms");
        one.Fingerprint(1).Should().NotBe(other.Fingerprint(1)).And.MatchRegex("^[0-9a-f]{16}$");
        var act = () => one.Verify(1, other.Fingerprint(1));
        act.Should().Throw<InvalidOperationException>().WithMessage("*different secret*");
        var missing = () => one.Compute(2, numbers[0]);
        missing.Should().Throw<InvalidOperationException>().WithMessage("*pseudonym key 2*not configured*");
    }

    private static NumberPseudonyms Pseudonyms(PseudonymKey key)
    {
        var options = new SmsOptOutOptions();
        options.DataProtection.PseudonymKeys.Add(key);
        return new NumberPseudonyms(Options.Create(options));
    }

    private static async Task<List<ConsentEvent>> HistoryAsync(LinkHost host)
    {
        var events = new List<ConsentEvent>();
        await foreach (var e in host.Services.GetRequiredService<ISuppressionStore>().GetHistoryAsync(Acme, Person))
        {
            events.Add(e);
        }

        return events;
    }
}
