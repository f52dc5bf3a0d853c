using SmsOptOut.Consent;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>The dashboard's URLs under its prefix. None carries a phone number: a number travels as a <see cref="NumberReferences">reference</see>.</summary>
internal sealed class DashboardRoutes(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Overview(AccountId account, int? days = null) =>
        $"{Prefix}/?account={Uri.EscapeDataString(account.Value)}" + (days is { } d ? $"&days={d}" : string.Empty);

    public string Lookup(AccountId account, string? reference = null) =>
        $"{Prefix}/numbers?account={Uri.EscapeDataString(account.Value)}" + (reference is null ? string.Empty : $"&ref={Uri.EscapeDataString(reference)}");

    public string Action(string action) => $"{Prefix}/numbers/{action}";

    public string Report(AccountId account) => $"{Prefix}/report?account={Uri.EscapeDataString(account.Value)}";

    public string Access(AccountId account, string reference) => $"{Prefix}/numbers/access?account={Uri.EscapeDataString(account.Value)}&ref={Uri.EscapeDataString(reference)}";

    public string Requests(AccountId account) => $"{Prefix}/requests?account={Uri.EscapeDataString(account.Value)}";

    public string Webhooks(AccountId account) => $"{Prefix}/webhooks?account={Uri.EscapeDataString(account.Value)}";

    public string WebhookAction(string action) => $"{Prefix}/webhooks/{action}";
}
