using Microsoft.Extensions.Configuration;
using SmsOptOut.Configuration.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;

namespace SmsOptOut.Accounts.Internal;

/// <summary>
/// An account's settings from configuration (<c>SmsOptOut:Accounts:&lt;id&gt;</c>), and how its section is applied over
/// a copy of the global options: only the per-account keys are accepted, a list it gives in full replaces the global one.
/// </summary>
internal static class AccountConfiguration
{
    /// <summary>The keys an account's section may hold, besides each registered provider's name.</summary>
    private static readonly string[] Keys = ["DisplayName", "Brand", "Language", "Languages", "InboundAddresses", "LinkBaseUrl", "DefaultProvider", "Keywords", "Webhooks", "Sending", "Reports", "PreferenceCenter"];

    /// <summary>Reads the account's own values; the rest of the section is applied when the account is resolved.</summary>
    public static AccountSettings Read(IConfigurationSection section, string? defaultRegion)
    {
        var settings = new AccountSettings
        {
            DisplayName = section["DisplayName"] is { Length: > 0 } name ? name : null,
            Language = section["Language"] is { Length: > 0 } language ? language : null,
            Configuration = section,
        };
        foreach (var allowed in section.GetSection("Languages").GetChildren())
        {
            if (allowed.Value is { Length: > 0 } tag)
            {
                settings.Languages.Add(tag);
            }
        }

        foreach (var address in section.GetSection("InboundAddresses").GetChildren())
        {
            settings.InboundAddresses.Add(SenderAddress.TryParse(address.Value, defaultRegion, out var parsed)
                ? parsed
                : throw SmsOptOutConfiguration.Invalid(address, "is not a number, short code or sender ID; expected for example +18005550100, 72345 or AcmeShop"));
        }

        return settings;
    }

    /// <summary>
    /// The account's brand: its configuration section <c>Brand</c> (<c>LogoUrl</c>, <c>Logo</c> as base64,
    /// <c>AccentColor</c>, <c>PrivacyPolicyUrl</c>, <c>ContactUrl</c>), then what <paramref name="code"/> sets, as the
    /// account's code is applied after its configuration. A value that cannot be read is a failure.
    /// </summary>
    public static AccountBrand? ReadBrand(IConfiguration? configuration, AccountBrand? code, List<string> failures)
    {
        if (configuration?.GetSection("Brand") is not { } section || !section.GetChildren().Any())
        {
            return code;
        }

        string[] keys = ["LogoUrl", "Logo", "AccentColor", "PrivacyPolicyUrl", "ContactUrl"];
        foreach (var unknown in section.GetChildren().Where(c => !keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            failures.Add($"{unknown.Path} is not a brand setting; expected one of {string.Join(", ", keys)}.");
        }

        var brand = new AccountBrand
        {
            LogoUrl = code?.LogoUrl ?? Url(section, "LogoUrl", failures),
            Logo = code?.Logo ?? Base64(section, failures),
            AccentColor = code?.AccentColor ?? (section["AccentColor"] is { Length: > 0 } color ? color : null),
            PrivacyPolicyUrl = code?.PrivacyPolicyUrl ?? Url(section, "PrivacyPolicyUrl", failures),
            ContactUrl = code?.ContactUrl ?? Url(section, "ContactUrl", failures),
        };
        return brand;

        static Uri? Url(IConfigurationSection section, string key, List<string> failures)
        {
            if (section[key] is not { Length: > 0 } value)
            {
                return null;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var url))
            {
                return url;
            }

            failures.Add($"{section.Path}:{key}: '{value}' is not an absolute URL; expected https://….");
            return null;
        }

        static byte[]? Base64(IConfigurationSection section, List<string> failures)
        {
            if (section["Logo"] is not { Length: > 0 } value)
            {
                return null;
            }

            var bytes = new byte[(value.Length * 3 / 4) + 3];
            if (Convert.TryFromBase64String(value, bytes, out var written))
            {
                return bytes[..written];
            }

            failures.Add($"{section.Path}:Logo is not base64; give the image's bytes in base64, or a LogoUrl.");
            return null;
        }
    }

    /// <summary>Applies <paramref name="section"/> over <paramref name="options"/>, adding a failure for each key that is not per account.</summary>
    public static void Apply(string account, IConfiguration section, SmsOptOutOptions options, IReadOnlyCollection<string> providers, List<string> failures)
    {
        var refused = section.GetChildren()
            .Where(c => !Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase) && !providers.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => c.Path)
            .ToList();
        foreach (var path in refused)
        {
            failures.Add($"{path} cannot be set per account; expected one of {string.Join(", ", Keys)} or a provider's section ({(providers.Count == 0 ? "none registered" : string.Join(", ", providers))}): storage, data protection, retention, compliance and link keys are the deployment's.");
        }

        if (refused.Count > 0)
        {
            return;
        }

        var keywords = section.GetSection("Keywords");
        var sending = section.GetSection("Sending");
        var webhooks = section.GetSection("Webhooks");
        SmsOptOutConfiguration.ClearIfConfigured(keywords.GetSection("OptOutKeywords"), options.Keywords.OptOutKeywords);
        SmsOptOutConfiguration.ClearIfConfigured(keywords.GetSection("OptInKeywords"), options.Keywords.OptInKeywords);
        SmsOptOutConfiguration.ClearIfConfigured(keywords.GetSection("HelpKeywords"), options.Keywords.HelpKeywords);
        SmsOptOutConfiguration.ClearIfConfigured(keywords.GetSection("RemovedKeywords"), options.Keywords.RemovedKeywords);
        SmsOptOutConfiguration.ClearIfConfigured(sending.GetSection("QuietHours"), options.Sending.QuietHours);
        SmsOptOutConfiguration.ClearIfConfigured(sending.GetSection("FrequencyCaps"), options.Sending.FrequencyCaps);
        SmsOptOutConfiguration.ClearIfConfigured(webhooks.GetSection("Secrets"), options.Webhooks.Secrets);
        SmsOptOutConfiguration.ClearIfConfigured(webhooks.GetSection("ListCallbackUrls"), options.Webhooks.ListCallbackUrls);
        try
        {
            SmsOptOutConfiguration.Bind(section, options, reports: false);
            if (section.GetSection("Reports") is { } reports && reports.GetChildren().Any())
            {
                options.Reports.Accounts[account] = SmsOptOutConfiguration.ReadAccount(
                    reports, options.Reports.Accounts.TryGetValue(account, out var global) ? global : new AccountReportSettings());
            }
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
        }
    }
}
