using System.Globalization;
using Microsoft.Extensions.Configuration;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;

namespace SmsOptOut.Configuration.Internal;

/// <summary>
/// Binds <see cref="SmsOptOutOptions"/> from a configuration section (appsettings.json, environment variables), with
/// the configuration-binding source generator wherever the shape allows. A list configured in full replaces its
/// default (the retry schedule, the keyword languages) instead of being appended to it. A value that cannot be read
/// fails with its configuration path and what was expected.
/// </summary>
internal static class SmsOptOutConfiguration
{
    public static void Bind(IConfiguration section, SmsOptOutOptions options) => Bind(section, options, reports: true);

    /// <summary>Binds what <paramref name="section"/> holds over <paramref name="options"/>; <paramref name="reports"/> false leaves the reporter's options alone (an account's <c>Reports</c> is its own report settings).</summary>
    public static void Bind(IConfiguration section, SmsOptOutOptions options, bool reports)
    {
        if (section["DefaultRegion"] is { } region)
        {
            options.DefaultRegion = region.Length == 0 ? null : region;
        }

        if (section.GetSection("LinkBaseUrl") is { Value: { Length: > 0 } } linkBase)
        {
            options.LinkBaseUrl = AbsoluteUri(linkBase);
        }

        section.GetSection("Links").Bind(options.Links);

        var keywords = section.GetSection("Keywords");
        ClearIfConfigured(keywords.GetSection("Languages"), options.Keywords.Languages);
        keywords.Bind(options.Keywords);

        var webhooks = section.GetSection("Webhooks");
        ClearIfConfigured(webhooks.GetSection("RetrySchedule"), options.Webhooks.RetrySchedule);
        webhooks.Bind(options.Webhooks);

        section.GetSection("Sending").Bind(options.Sending);
        if (reports)
        {
            BindReports(section.GetSection("Reports"), options.Reports);
        }
        if (section["DefaultProvider"] is { } provider)
        {
            options.DefaultProvider = provider.Length == 0 ? null : provider;
        }

        var preferences = section.GetSection("PreferenceCenter");
        ClearIfConfigured(preferences.GetSection("PauseDurations"), options.PreferenceCenter.PauseDurations);
        preferences.Bind(options.PreferenceCenter);

        section.GetSection("DataProtection").Bind(options.DataProtection);
        var evidence = section.GetSection("Evidence");
        ClearIfConfigured(evidence.GetSection("SigningKeys"), options.Evidence.SigningKeys);
        evidence.Bind(options.Evidence);
        section.GetSection("Compliance").Bind(options.Compliance);
        section.GetSection("Retention").Bind(options.Retention);
        if (section["AccountSettingsLifetime"] is { Length: > 0 })
        {
            options.AccountSettingsLifetime = section.GetValue<TimeSpan>("AccountSettingsLifetime");
        }

        foreach (var account in section.GetSection("Accounts").GetChildren())
        {
            options.Accounts[account.Key] = Accounts.Internal.AccountConfiguration.Read(account, options.DefaultRegion);
        }

        var reconciliation = section.GetSection("Reconciliation");
        ClearIfConfigured(reconciliation.GetSection("Accounts"), options.Reconciliation.Accounts);
        reconciliation.Bind(options.Reconciliation);
    }

    private static void BindReports(IConfigurationSection section, ReportOptions reports)
    {
        reports.EnableReporter = section.GetValue("EnableReporter", reports.EnableReporter);
        reports.PollInterval = section.GetValue("PollInterval", reports.PollInterval);
        reports.SettleDelay = section.GetValue("SettleDelay", reports.SettleDelay);
        reports.ClaimLease = section.GetValue("ClaimLease", reports.ClaimLease);
        reports.MaxEmailBodyEntries = section.GetValue("MaxEmailBodyEntries", reports.MaxEmailBodyEntries);
        foreach (var account in section.GetSection("Accounts").GetChildren())
        {
            reports.Accounts[account.Key] = ReadAccount(account, reports.Accounts.TryGetValue(account.Key, out var existing) ? existing : new AccountReportSettings());
        }
    }

    public static AccountReportSettings ReadAccount(IConfigurationSection section, AccountReportSettings settings) => settings with
    {
        Channels = section.GetSection("Channels") is { Value: { } channels } channelSection
            ? Enum.TryParse<ReportChannels>(channels, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw Invalid(channelSection, "is not a report channel; expected None, Email, Sms or EmailAndSms (or \"Email, Sms\")")
            : settings.Channels,
        EmailRecipients = section.GetSection("EmailRecipients").Exists()
            ? [.. section.GetSection("EmailRecipients").GetChildren().Select(static c => c.Value ?? string.Empty)]
            : settings.EmailRecipients,
        SmsRecipients = section.GetSection("SmsRecipients").Exists()
            ? [.. section.GetSection("SmsRecipients").GetChildren().Select(ReadNumber)]
            : settings.SmsRecipients,
        Cadence = section.GetSection("Cadence").Exists() ? ReadCadence(section.GetSection("Cadence")) : settings.Cadence,
        FullNumbers = section.GetValue("FullNumbers", settings.FullNumbers),
        IncludeOptIns = section.GetValue("IncludeOptIns", settings.IncludeOptIns),
        MaxSmsSegments = section.GetValue("MaxSmsSegments", settings.MaxSmsSegments),
        FullReportUrl = section.GetSection("FullReportUrl") is { Value: { Length: > 0 } } url ? AbsoluteUri(url) : settings.FullReportUrl,
    };

    /// <summary>
    /// <c>{"Kind":"Daily","TimeOfDay":"08:00","TimeZone":"Europe/Berlin"}</c>, <c>{"Kind":"Hourly"}</c> or
    /// <c>{"Kind":"Immediate","BatchWindow":"00:05:00"}</c>.
    /// </summary>
    private static ReportCadence ReadCadence(IConfigurationSection section)
    {
        var kind = section.GetSection("Kind");
        switch (kind.Value?.Trim().ToUpperInvariant())
        {
            case "HOURLY":
                return ReportCadence.Hourly;
            case "IMMEDIATE":
                var window = section.GetSection("BatchWindow");
                return TimeSpan.TryParse(window.Value, CultureInfo.InvariantCulture, out var batchWindow) && batchWindow >= TimeSpan.FromMinutes(1) && batchWindow <= TimeSpan.FromDays(1)
                    ? ReportCadence.Immediate(batchWindow)
                    : throw Invalid(window, "must be a time span of 1 minute to 1 day, such as 00:05:00");
            case "DAILY":
                var time = section.GetSection("TimeOfDay");
                var zone = section.GetSection("TimeZone");
                if (!TimeOnly.TryParse(time.Value ?? "08:00", CultureInfo.InvariantCulture, out var timeOfDay))
                {
                    throw Invalid(time, "is not a time of day; expected for example 08:00");
                }

                return ReportCadence.Daily(timeOfDay, zone.Value is { Length: > 0 } id ? FindTimeZone(zone, id) : null);
            default:
                throw Invalid(kind, "is not a report cadence; expected Hourly, Daily (with TimeOfDay and TimeZone) or Immediate (with BatchWindow)");
        }
    }

    private static TimeZoneInfo FindTimeZone(IConfigurationSection section, string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw Invalid(section, "is not a time zone this machine knows; expected an IANA id such as Europe/Berlin");
        }
    }

    private static PhoneNumber ReadNumber(IConfigurationSection section) =>
        PhoneNumber.TryParse(section.Value, null, out var number, out var error)
            ? number
            : throw Invalid(section, "is not a phone number: " + PhoneNumberErrorText.Describe(section.Value, null, error));

    private static Uri AbsoluteUri(IConfigurationSection section) =>
        Uri.TryCreate(section.Value, UriKind.Absolute, out var uri) ? uri : throw Invalid(section, "is not an absolute URL; expected for example https://opt.example/u/");

    /// <summary>A list or set configured in full replaces its default instead of being appended to.</summary>
    public static void ClearIfConfigured<T>(IConfigurationSection section, ICollection<T> collection)
    {
        if (section.GetChildren().Any())
        {
            collection.Clear();
        }
    }

    public static InvalidOperationException Invalid(IConfigurationSection section, string expected) =>
        new($"The configuration value '{section.Path}' = '{section.Value}' {expected}.");
}
