using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Providers;

/// <summary>
/// Provider reconciliation in the core, with a provider (the edge we do not own) that lists its opt-outs: the schedule,
/// per-sender scopes, never an opt-in, options and storage refusals. The providers' own lists: their packages' tests.
/// </summary>
public sealed class ProviderReconciliationTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly AccountId Globex = new("globex");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    [Fact]
    public async Task The_service_reconciles_each_configured_account_at_start_and_every_interval()
    {
        var start = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var provider = new ListingProvider();
        await using var services = Build(o =>
        {
            o.Reconciliation.Accounts.Add("acme");
            o.Reconciliation.Accounts.Add("globex");
            o.Reconciliation.Interval = TimeSpan.FromMinutes(10);
        }, provider, time);
        var hosted = services.GetServices<IHostedService>().Single(s => s.GetType().Name == "ProviderReconciliationService");

        await hosted.StartAsync(CancellationToken.None);
        await SmsOptOut.Testing.Eventually.TrueAsync(() => Task.FromResult(provider.Reads.Count == 2), "a first round at start", TimeSpan.FromSeconds(10));
        // The clock moves an interval at each poll: on a loaded machine the service may still be finishing its first
        // round (and not yet waiting for the next) when the clock first moves.
        await SmsOptOut.Testing.Eventually.TrueAsync(() => Task.FromResult(provider.Reads.Count >= 4), "a second round after the interval", TimeSpan.FromSeconds(10),
            between: () => time.Advance(TimeSpan.FromMinutes(10)));
        await hosted.StopAsync(CancellationToken.None);

        provider.Reads.Take(4).Select(r => r.Account.Value).Should().Equal("acme", "globex", "acme", "globex");
        provider.Reads[0].Window.Since.Should().BeNull("the first run reads everything");
        provider.Reads[2].Window.Since.Should().Be(start - TimeSpan.FromDays(1), "the next reads again a day before the last run's end");
        (await services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Globex, Person)).Should().BeTrue();
    }

    [Fact]
    public async Task With_keywords_per_sender_the_opt_out_is_recorded_for_the_sender_the_provider_names()
    {
        var provider = new ListingProvider { Sender = SenderAddress.ShortCode("12345", "US") };
        await using var services = Build(o =>
        {
            o.Keywords.Scope = KeywordScope.SendingNumber;
            o.Compliance.AllowNarrowOptOutScopes = true;
        }, provider);

        await services.GetRequiredService<IProviderReconciliation>().ReconcileAsync(Acme);

        var store = services.GetRequiredService<ISuppressionStore>();
        (await store.IsSuppressedAsync(Acme, Person, new ListId("sender:US:12345"))).Should().BeTrue();
        (await store.IsSuppressedAsync(Acme, Person)).Should().BeFalse();
    }

    [Fact]
    public async Task It_never_records_an_opt_in_and_leaves_an_opt_out_an_opt_in_here_came_after()
    {
        var provider = new ListingProvider();
        await using var services = Build(_ => { }, provider);
        var optOut = services.GetRequiredService<IOptOutService>();
        await optOut.OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.Keyword) { OccurredAt = provider.At.AddDays(-2) });
        await optOut.OptInAsync(new ConsentRequest(Acme, Person, OptOutSource.Api) { OccurredAt = provider.At.AddDays(1) });

        var result = (await services.GetRequiredService<IProviderReconciliation>().ReconcileAsync(Acme)).Single();

        result.Should().Match<ReconciliationResult>(r => r.Read == 1 && r.Superseded == 1 && r.Recorded == 0);
        (await services.GetRequiredService<ISuppressionStore>().GetHistoryAsync(Acme, Person).ToListAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_storage_without_checkpoints_is_refused_naming_the_contract()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmsProvider>(new ListingProvider());
        services.AddSmsOptOut().UseStorage("required-only", RequiredStoresOnly.Register);
        await using var provider = services.BuildServiceProvider();

        var reconcile = () => provider.GetRequiredService<IProviderReconciliation>().ReconcileAsync(Acme);

        await reconcile.Should().ThrowAsync<InvalidOperationException>().WithMessage("*IReconciliationCheckpointStore*");
    }

    [Theory]
    [InlineData("00:00:30", "1.00:00:00", "acme", "Reconciliation.Interval 00:00:30 must be at least 1 minute")]
    [InlineData("01:00:00", "32.00:00:00", "acme", "Reconciliation.Overlap 32.00:00:00 must be zero to 31 days")]
    [InlineData("01:00:00", "-00:00:01", "acme", "Reconciliation.Overlap -00:00:01")]
    [InlineData("01:00:00", "1.00:00:00", "", "Reconciliation.Accounts[0]")]
    public void Bad_options_are_refused_at_startup_naming_them(string interval, string overlap, string account, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:Reconciliation:Interval"] = interval, ["SmsOptOut:Reconciliation:Overlap"] = overlap, ["SmsOptOut:Reconciliation:Accounts:0"] = account,
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void The_accounts_bind_from_configuration_replacing_the_default()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:Reconciliation:Accounts:0"] = "acme", ["SmsOptOut:Reconciliation:Accounts:1"] = "globex", ["SmsOptOut:Reconciliation:Interval"] = "00:15:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseInMemory();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.Reconciliation;

        options.Accounts.Should().Equal("acme", "globex");
        options.Interval.Should().Be(TimeSpan.FromMinutes(15));
    }

    private static ServiceProvider Build(Action<SmsOptOutOptions> configure, ListingProvider provider, TimeProvider? time = null) =>
        SenderServices.Build(new RecordingTransport(), configure, s =>
        {
            s.AddSingleton<ISmsProvider>(provider);
            if (time is not null)
            {
                s.AddSingleton(time);
            }
        });

    /// <summary>A provider that lists one opt-out of <see cref="Person"/>, and remembers what it was asked.</summary>
    private sealed class ListingProvider : ISmsProvider, IProviderOptOutSource
    {
        public DateTimeOffset At { get; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public SenderAddress? Sender { get; init; }

        public List<(AccountId Account, ProviderOptOutWindow Window)> Reads { get; } = [];

        public string Name => "listing";

        public SmsOptOut.Sending.ISmsTransport Transport { get; } = new RecordingTransport();

        public IInboundWebhookReader? Inbound => null;

        public IProviderConsentSync? ConsentSync => null;

        public IProviderOptOutSource? OptOutSource => this;

        public Task<ProviderOptOutPage> ReadPageAsync(AccountId account, ProviderOptOutWindow window, string? pageToken, CancellationToken cancellationToken = default)
        {
            lock (Reads)
            {
                Reads.Add((account, window));
            }

            return Task.FromResult(new ProviderOptOutPage([new ProviderOptOut(Person, At) { Sender = Sender, Keyword = "STOP" }], null));
        }
    }
}
