using SmsOptOut.Compliance;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Sending;
using SmsOptOut.Reports;
using SmsOptOut.Webhooks;

namespace SmsOptOut;

/// <summary>Options of the SmsOptOut core, set through <c>services.AddSmsOptOut(o => …)</c> and validated at startup.</summary>
public sealed class SmsOptOutOptions
{
    /// <summary>
    /// ISO 3166-1 region (for example <c>US</c>, <c>GB</c>, <c>DE</c>) used to read numbers that have no country code,
    /// such as <c>020 7946 0958</c>. When <see langword="null"/> (the default), only numbers with a country code are accepted.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>
    /// The absolute URL opt-out tokens are appended to, ending in <c>/</c> or <c>=</c>: <c>https://opt.example.com/u/</c>
    /// gives links like <c>https://opt.example.com/u/3kTq9ZbW1x</c>. Required to send <c>{optout}</c>. Keep it short:
    /// every character is paid for in every message.
    /// </summary>
    public Uri? LinkBaseUrl { get; set; }

    /// <summary>
    /// The provider that sends every account's messages when several are registered (<c>twilio</c>, <c>smsto</c>, …).
    /// Not needed with one provider; a host that picks per account registers an <c>ISmsProviderSelector</c> instead.
    /// </summary>
    public string? DefaultProvider { get; set; }

    /// <summary>
    /// Accounts with settings of their own, by account id: a fixed set of tenants configured with the host
    /// (<c>SmsOptOut:Accounts:acme:…</c> in configuration). A host that keeps its tenants in a database registers an
    /// <see cref="Accounts.IAccountSettingsSource"/> instead (or as well: the source is asked first).
    /// </summary>
    public IDictionary<string, Accounts.AccountSettings> Accounts { get; } = new Dictionary<string, Accounts.AccountSettings>(StringComparer.Ordinal);

    /// <summary>How long an account's resolved settings are cached before they are read again; 5 minutes by default (1 second to 1 day).</summary>
    public TimeSpan AccountSettingsLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Opt-out link tokens: mode, length, lifetime and keys.</summary>
    public OptOutLinkOptions Links { get; } = new();

    /// <summary>Keyword opt-out (STOP / START / HELP): words, matching, scope and replies.</summary>
    public KeywordOptions Keywords { get; } = new();

    /// <summary>Opt-out webhooks: the default endpoint, payload, retries, timeouts and SSRF rules.</summary>
    public WebhookOptions Webhooks { get; } = new();

    /// <summary>List and single sends: opt-out policy, batch size, concurrency, rate limit.</summary>
    public SendingOptions Sending { get; } = new();

    /// <summary>Unsubscription reports to account owners: settings per account, poll interval, settle delay.</summary>
    public ReportOptions Reports { get; } = new();

    /// <summary>Erasure: the keys erased numbers stay suppressed under.</summary>
    public DataProtectionOptions DataProtection { get; } = new();

    /// <summary>The jurisdictions whose rules unsafe settings are refused under (docs/compliance.md).</summary>
    public ComplianceOptions Compliance { get; } = new();

    /// <summary>Retention: how long evidence keeps the personal details (IP address, user agent, message text, note).</summary>
    public RetentionOptions Retention { get; } = new();

    /// <summary>Provider reconciliation: which accounts are compared with the opt-out lists their providers keep, and how often.</summary>
    public Providers.ReconciliationOptions Reconciliation { get; } = new();

    /// <summary>How long implied consents last (CASL, the TCPA's established business relationship); see docs/opt-in.md.</summary>
    public OptIn.ConsentOptions Consent { get; } = new();

    /// <summary>The landing page's preference center (lists to leave, pauses): off by default; usually set per account.</summary>
    public Preferences.PreferenceCenterOptions PreferenceCenter { get; } = new();

    /// <summary>The tamper-evident consent log's checkpoints: signing keys and interval (docs/evidence.md).</summary>
    public Evidence.EvidenceOptions Evidence { get; } = new();
}
