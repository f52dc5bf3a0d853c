using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Compliance;
using SmsOptOut.Compliance.Internal;
using SmsOptOut.Keywords.Internal;
using SmsOptOut.Links;
using SmsOptOut.Numbers.Internal;
using SmsOptOut.Providers.Internal;

namespace SmsOptOut.Internal;

/// <summary>Checks <see cref="SmsOptOutOptions"/> at startup; each failure names the option and what was expected.</summary>
/// <remarks>
/// Settings that break a rule of a chosen <see cref="ComplianceProfiles"/> fail; without the profile they are logged
/// as warnings (event 1003; 1004 for the narrow-scope override), each distinct warning once for the life of the
/// container: an <see cref="IOptionsMonitor{TOptions}"/> reload that keeps a setting does not repeat its warning, a new
/// finding is logged.
/// </remarks>
internal sealed class SmsOptOutOptionsValidator(
    IOptions<ProviderNames> providers, IHostEnvironment? environment = null, ILogger<SmsOptOutOptionsValidator>? logger = null, IServiceProvider? services = null)
    : IValidateOptions<SmsOptOutOptions>
{
    private readonly ConcurrentDictionary<string, bool> _logged = new(StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, SmsOptOutOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultRegion is { } region && !PhoneNumberParser.IsKnownRegion(region))
        {
            failures.Add($"SmsOptOutOptions.DefaultRegion '{region}' is not an ISO 3166-1 region code known to phone numbering; expected for example US, GB or DE, or null.");
        }

        if (options.LinkBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !(url.OriginalString.EndsWith('/') || url.OriginalString.EndsWith('=')) || url.OriginalString.Contains('#', StringComparison.Ordinal)))
        {
            failures.Add($"SmsOptOutOptions.LinkBaseUrl '{url.OriginalString}' must be an absolute http(s) URL without a fragment that ends in '/' or '=', such as https://opt.example.com/u/.");
        }

        if (options.DefaultProvider is { } provider && !providers.Value.Names.Contains(provider))
        {
            failures.Add($"SmsOptOutOptions.DefaultProvider '{provider}' is not a registered provider; registered: {(providers.Value.Names.Count == 0 ? "none (call AddTwilio, AddSmsTo, AddVonage, AddTelnyx or AddPlivo)" : string.Join(", ", providers.Value.Names.Order(StringComparer.Ordinal)))}.");
        }

        ValidateLinks(options.Links, failures);
        KeywordOptionsValidator.Validate(options.Keywords, "SmsOptOutOptions.Keywords", failures);
        Webhooks.Internal.WebhookOptionsValidator.Validate(options.Webhooks, failures);
        Sending.Internal.SendingOptionsValidator.Validate(options.Sending, failures);
        Reports.Internal.ReportOptionsValidator.Validate(options.Reports, failures);
        ValidateReconciliation(options.Reconciliation, failures);
        failures.AddRange(OptIn.Internal.ConsentLifetimes.Validate(options.Consent.Lifetimes));
        Preferences.Internal.PreferenceCenterOptionsValidator.Validate(options.PreferenceCenter, services, failures);
        Evidence.Internal.EvidenceOptionsValidator.Validate(options.Evidence, failures);
        ValidatePrivacy(options, failures);
        ValidateCompliance(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateReconciliation(Providers.ReconciliationOptions reconciliation, List<string> failures)
    {
        const string Path = "SmsOptOutOptions.Reconciliation";
        if (reconciliation.Interval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Path}.Interval {reconciliation.Interval} must be at least 1 minute: each run reads the providers' APIs.");
        }

        if (reconciliation.Overlap < TimeSpan.Zero || reconciliation.Overlap > TimeSpan.FromDays(31))
        {
            failures.Add($"{Path}.Overlap {reconciliation.Overlap} must be zero to 31 days.");
        }

        for (var i = 0; i < reconciliation.Accounts.Count; i++)
        {
            try
            {
                _ = new Consent.AccountId(reconciliation.Accounts[i]);
            }
            catch (ArgumentException e)
            {
                failures.Add($"{Path}.Accounts[{i}]: {e.Message}");
            }
        }
    }

    private void ValidateLinks(OptOutLinkOptions links, List<string> failures)
    {
        if (!Enum.IsDefined(links.Mode))
        {
            failures.Add($"SmsOptOutOptions.Links.Mode {(int)links.Mode} is not Stored or Stateless.");
        }

        if (links.TokenLength is < OptOutLinkOptions.MinimumTokenLength or > SmsOptOut.Links.LinkTokenStoreArguments.MaxStoredTokenLength)
        {
            failures.Add($"SmsOptOutOptions.Links.TokenLength {links.TokenLength} must be {OptOutLinkOptions.MinimumTokenLength} to {SmsOptOut.Links.LinkTokenStoreArguments.MaxStoredTokenLength}: shorter tokens can be guessed.");
        }

        if (links.Lifetime < TimeSpan.FromMinutes(1) || links.Lifetime > TimeSpan.FromDays(3650))
        {
            failures.Add($"SmsOptOutOptions.Links.Lifetime {links.Lifetime} must be 1 minute to 10 years.");
        }

        if (links.CleanupInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"SmsOptOutOptions.Links.CleanupInterval {links.CleanupInterval} must be at least 1 second.");
        }

        ValidateKeys("SmsOptOutOptions.Links.SigningKeys", "SmsOptOutOptions.Links.ActiveKeyId", 0, [.. links.SigningKeys.Select(k => (k.Id, k.Secret))], links.ActiveKeyId, failures);

        if (links.Mode == OptOutLinkMode.Stateless && links.SigningKeys.Count == 0 && !links.UseDevelopmentKey)
        {
            failures.Add("SmsOptOutOptions.Links.Mode is Stateless but SigningKeys is empty; add a key (base64, at least 32 bytes), or set UseDevelopmentKey in development.");
        }

        if (links.UseDevelopmentKey && links.SigningKeys.Count == 0 && environment?.IsProduction() == true)
        {
            failures.Add("SmsOptOutOptions.Links.UseDevelopmentKey is refused in the Production environment: configure SigningKeys.");
        }
    }

    private void ValidateCompliance(SmsOptOutOptions options, List<string> failures)
    {
        var chosen = options.Compliance.Profiles;
        if ((chosen & ~ComplianceRules.NarrowScopeProfiles) != 0)
        {
            failures.Add($"SmsOptOutOptions.Compliance.Profiles {(int)chosen} names an unknown profile; expected None or a combination of UnitedStates, Canada and EuropeUk.");
            return;
        }

        // Resolved while validating, not injected: the default provider reads these very options. An account's own
        // settings are validated here too, with their identity in them.
        var identityPerAccount = services?.GetService(typeof(Sending.ISenderIdentityProvider)) is Sending.ISenderIdentityProvider and not Sending.Internal.AccountSenderIdentityProvider;
        foreach (var finding in ComplianceRules.Check(options, identityPerAccount))
        {
            var breaks = finding.Profiles & chosen;
            if (breaks != ComplianceProfiles.None)
            {
                failures.Add($"Refused under the {breaks} compliance profile: {finding.Message}");
            }
            else if (logger is not null && FirstTime(finding.Message))
            {
                Log.ComplianceSettingAccepted(logger, finding.Message);
            }
        }

        if (options.Compliance.AllowNarrowOptOutScopes && logger is not null && FirstTime(nameof(Log.NarrowOptOutScopesAllowed)))
        {
            Log.NarrowOptOutScopesAllowed(logger);
        }
    }

    /// <summary>Whether <paramref name="warning"/> is logged for the first time by this validator (and records it).</summary>
    private bool FirstTime(string warning) => _logged.TryAdd(warning, true);

    private static void ValidatePrivacy(SmsOptOutOptions options, List<string> failures)
    {
        var protection = options.DataProtection;
        ValidateKeys("SmsOptOutOptions.DataProtection.PseudonymKeys", "SmsOptOutOptions.DataProtection.ActivePseudonymKeyId", 1,
            [.. protection.PseudonymKeys.Select(k => (k.Id, k.Secret))], protection.ActivePseudonymKeyId, failures);
        if (options.Retention.MinimizeEvidenceAfter is { } after && after < TimeSpan.FromDays(1))
        {
            failures.Add($"SmsOptOutOptions.Retention.MinimizeEvidenceAfter {after} must be at least 1 day, or null to keep evidence whole.");
        }
    }

    /// <summary>Key ids unique within <paramref name="minimumId"/> to 255, secrets of at least 32 random bytes, the active id among them.</summary>
    private static void ValidateKeys(string path, string activePath, int minimumId, (int Id, string Secret)[] keys, int? active, List<string> failures)
    {
        var ids = new HashSet<int>();
        foreach (var (id, secret) in keys)
        {
            if (id < minimumId || id > 255 || !ids.Add(id))
            {
                failures.Add($"{path}: key id {id} must be {minimumId} to 255 and unique.");
            }

            if (!IsStrongBase64(secret))
            {
                failures.Add($"{path}: the secret of key {id} must be base64 of at least 32 random bytes (openssl rand -base64 32).");
            }
        }

        if (active is { } activeId && !ids.Contains(activeId))
        {
            failures.Add($"{activePath} {activeId} names no configured key.");
        }
    }

    private static bool IsStrongBase64(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var length) && length >= 32;
    }
}
