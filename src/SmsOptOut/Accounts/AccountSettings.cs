using Microsoft.Extensions.Configuration;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;

namespace SmsOptOut.Accounts;

/// <summary>
/// One account's settings: what it changes of the global <see cref="SmsOptOutOptions"/>, and what only an account has
/// (its name, the addresses its inbound messages arrive at). Everything not set here is the global value. Give them in
/// <see cref="SmsOptOutOptions.Accounts"/> (or <c>SmsOptOut:Accounts:&lt;id&gt;</c> in configuration) for a fixed set
/// of accounts, or from an <see cref="IAccountSettingsSource"/> over your own database (docs/architecture.md, "Accounts
/// and their settings").
/// </summary>
/// <remarks>
/// What an account may change: <see cref="SmsOptOutOptions.LinkBaseUrl"/> (its link domain),
/// <see cref="SmsOptOutOptions.DefaultProvider"/>, <see cref="SmsOptOutOptions.Keywords"/> (words and replies),
/// <see cref="SmsOptOutOptions.Webhooks"/> (callback URL, per-list URLs, secrets), <see cref="SmsOptOutOptions.Sending"/>
/// (sender identity, quiet hours, frequency caps, purposes), its reports (<see cref="Reports"/>), and each provider's
/// options (credentials, sender). Storage, data protection, retention, compliance profiles and link keys are the
/// deployment's: an account's configuration that sets them is refused with the key it named.
/// </remarks>
public sealed class AccountSettings
{
    private readonly Dictionary<Type, Action<object>> _providers = [];

    /// <summary>The account's name for people (the landing page, reports); its sender name, else its id, when <see langword="null"/>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// The numbers, short codes and sender IDs the account's inbound messages arrive at: a STOP sent to one is the
    /// account's, and its provider webhooks are verified with its credentials.
    /// </summary>
    public IList<SenderAddress> InboundAddresses { get; } = [];

    /// <summary>How the account's pages look (logo, accent colour, privacy-policy and contact links); the plain page when <see langword="null"/>.</summary>
    public AccountBrand? Brand { get; set; }

    /// <summary>
    /// The language of the account's pages (the landing page) when the visitor's <c>Accept-Language</c> names none they
    /// may be shown in: a language tag such as <c>es</c> or <c>fr-CA</c>. The deployment's default when <see langword="null"/>.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>
    /// The languages the account's pages may be shown in (language tags; <c>es</c> also allows <c>es-MX</c>); every
    /// language the pages have texts for when empty. <see cref="Language"/>, when set, must be one of them.
    /// </summary>
    public IList<string> Languages { get; } = [];

    /// <summary>
    /// Overrides in the shape of the <c>SmsOptOut</c> configuration section (<c>LinkBaseUrl</c>, <c>Keywords</c>,
    /// <c>Webhooks</c>, <c>Sending</c>, <c>Reports</c> as one account's report settings, and a provider's section by its
    /// name, such as <c>Twilio</c>), applied over the global options. A list given in full replaces the global list.
    /// </summary>
    public IConfiguration? Configuration { get; set; }

    /// <summary>Overrides in code, applied after <see cref="Configuration"/> to a copy of the global options.</summary>
    public Action<SmsOptOutOptions>? Configure { get; set; }

    /// <summary>The account's report settings (who gets its reports, how often); the global ones for the account when <see langword="null"/>.</summary>
    public AccountReportSettings? Reports { get; set; }

    /// <summary>Changes a provider's options for this account (credentials, sender), applied to a copy of the provider's global options.</summary>
    /// <typeparam name="TOptions">The provider's options type, for example <c>TwilioOptions</c>.</typeparam>
    /// <param name="configure">Sets the account's values.</param>
    /// <returns>These settings.</returns>
    public AccountSettings ConfigureProvider<TOptions>(Action<TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _providers.GetValueOrDefault(typeof(TOptions));
        _providers[typeof(TOptions)] = o =>
        {
            previous?.Invoke(o);
            configure((TOptions)o);
        };
        return this;
    }

    /// <summary>The provider override for <paramref name="type"/>, if any.</summary>
    internal Action<object>? ProviderOverride(Type type) => _providers.GetValueOrDefault(type);
}
