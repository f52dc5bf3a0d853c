using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>Services over one isolated storage, with a fake clock. Reopen it to check durability.</summary>
public sealed class TestStore : IAsyncDisposable
{
    /// <summary>The instant every test clock starts at.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private readonly StorageFixture _fixture;
    private readonly Action<IServiceCollection>? _configure;

    internal TestStore(StorageFixture fixture, string isolationKey, Action<IServiceCollection>? configure)
    {
        _fixture = fixture;
        _configure = configure;
        IsolationKey = isolationKey;
        Time = new FakeTimeProvider(Epoch);
        Services = Build();
    }

    /// <summary>The key that isolates this store's data.</summary>
    public string IsolationKey { get; }

    /// <summary>The clock every service of this store reads.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The services, built with the adapter under test.</summary>
    public ServiceProvider Services { get; private set; }

    /// <summary>The suppression store under test.</summary>
    public ISuppressionStore Suppression => Services.GetRequiredService<ISuppressionStore>();

    /// <summary>The link token store under test.</summary>
    public IOptOutLinkTokenStore LinkTokens => Services.GetRequiredService<IOptOutLinkTokenStore>();

    /// <summary>The keyword reply ledger under test.</summary>
    public IKeywordReplyLedger ReplyLedger => Services.GetRequiredService<IKeywordReplyLedger>();

    /// <summary>The adapter's report cursors.</summary>
    public IReportCursorStore ReportCursors => Services.GetRequiredService<IReportCursorStore>();

    /// <summary>The webhook outbox under test.</summary>
    public IWebhookOutboxStore Outbox => Services.GetRequiredService<IWebhookOutboxStore>();

    /// <summary>The opt-out service over the store under test.</summary>
    public IOptOutService OptOut => Services.GetRequiredService<IOptOutService>();

    /// <summary>The adapter's erasure, access and retention store.</summary>
    public IDataSubjectStore DataSubjects => Claimed<IDataSubjectStore>();

    /// <summary>The adapter's opt-in store.</summary>
    public SmsOptOut.OptIn.IOptInStore OptIns => Claimed<SmsOptOut.OptIn.IOptInStore>();

    /// <summary>The adapter's send ledger (frequency caps).</summary>
    public SmsOptOut.Sending.ISendLedger SendLedger => Claimed<SmsOptOut.Sending.ISendLedger>();

    /// <summary>The adapter's store of held messages.</summary>
    public SmsOptOut.Sending.IDeferredSendStore HeldMessages => Claimed<SmsOptOut.Sending.IDeferredSendStore>();

    /// <summary>The adapter's replay guard of provider webhooks.</summary>
    public SmsOptOut.Providers.IWebhookReplayGuard ReplayGuard => Claimed<SmsOptOut.Providers.IWebhookReplayGuard>();

    /// <summary>The adapter's reconciliation checkpoints.</summary>
    public SmsOptOut.Providers.IReconciliationCheckpointStore Checkpoints => Claimed<SmsOptOut.Providers.IReconciliationCheckpointStore>();

    /// <summary>Erasure and access over the store under test.</summary>
    public IDataSubjectService DataSubjectService => Services.GetRequiredService<IDataSubjectService>();

    /// <summary>The key every test store signs its consent log's checkpoints with.</summary>
    public static SmsOptOut.Evidence.EvidenceSigningKey EvidenceKey { get; } = new()
    {
        Id = "kit-1", PrivateKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("conformance-suite-evidence-key-1"u8)),
    };

    /// <summary>The pseudonym key every test store is configured with (id 1).</summary>
    public static PseudonymKey PseudonymKey { get; } = new() { Id = 1, Secret = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("conformance-suite-pseudonym-key-0001")) };

    /// <summary>Disposes the services and builds them again over the same storage, as a restarted process would.</summary>
    /// <returns>A task that completes when the store is reopened.</returns>
    public async Task ReopenAsync()
    {
        await Services.DisposeAsync();
        Services = Build();
    }

    /// <summary>Builds a second, independent set of services over the same storage, as another app instance would.</summary>
    /// <param name="configure">More services for that instance (a transport, say); none when <see langword="null"/>.</param>
    /// <returns>The services; dispose them.</returns>
    public ServiceProvider BuildAnotherInstance(Action<IServiceCollection>? configure = null) => Build(configure);

    /// <summary>The consent log of one number, read through the store under test.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <returns>The events, oldest first.</returns>
    public async Task<List<ConsentEvent>> HistoryAsync(AccountId account, PhoneNumber number)
    {
        var events = new List<ConsentEvent>();
        await foreach (var e in Suppression.GetHistoryAsync(account, number))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Applies an account-wide opt-out of <paramref name="number"/> that owes one webhook, due at <paramref name="dueAt"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="dueAt">When the webhook is due; the current fake time when <see langword="null"/>.</param>
    /// <returns>The webhook message written with the opt-out.</returns>
    public async Task<OutboxMessage> OweWebhookAsync(AccountId account, PhoneNumber number, DateTimeOffset? dueAt = null)
    {
        var e = Events.OptOut(account, number, Time.GetUtcNow());
        var message = Events.Message(e, dueAt ?? Time.GetUtcNow());
        if (await Suppression.ApplyAsync(e, [message]) != ConsentApplyStatus.Applied)
        {
            throw new InvalidOperationException($"The opt-out of {number} was not applied; use a number that is not suppressed yet.");
        }

        return message;
    }

    /// <summary>
    /// The adapter's implementation of the optional contract <typeparamref name="T"/>; skips the test when the fixture
    /// does not claim it (so a test of another contract that also touches this one runs only where it can).
    /// </summary>
    /// <typeparam name="T">An optional storage contract of <see cref="StorageContracts.All"/>.</typeparam>
    /// <returns>The implementation.</returns>
    public T Claimed<T>()
        where T : notnull
    {
        var contract = StorageContracts.Find(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is no storage contract.", nameof(T));
        Skip.If(!_fixture.Capabilities.HasFlag(contract.Capability),
            $"{_fixture.GetType().Name} does not claim {nameof(StorageCapabilities)}.{contract.Capability} ({typeof(T).Name}).");
        return Services.GetRequiredService<T>();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddSmsOptOut(o =>
        {
            o.DataProtection.PseudonymKeys.Add(PseudonymKey);
            o.Evidence.SigningKeys.Add(EvidenceKey);
        });
        _fixture.UseStorage(builder, IsolationKey);
        _configure?.Invoke(services);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
