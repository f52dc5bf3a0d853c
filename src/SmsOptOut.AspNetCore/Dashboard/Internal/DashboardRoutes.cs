using SmsOptOut.Consent;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>The dashboard's URLs under its prefix. None carries a phone number: a number travels as a <see cref="NumberReferences">reference</see>.</summary>
internal sealed class DashboardRoutes(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Overview(AccountId account, int? days = null, bool occurred = false) =>
        $"{Prefix}/?account={Uri.EscapeDataString(account.Value)}" + (days is { } d ? $"&days={d}" : string.Empty) + (occurred ? "&by=occurred" : string.Empty);

    public string Lookup(AccountId account, string? reference = null) =>
        $"{Prefix}/numbers?account={Uri.EscapeDataString(account.Value)}" + (reference is null ? string.Empty : $"&ref={Uri.EscapeDataString(reference)}");

    public string Action(string action) => $"{Prefix}/numbers/{action}";

    /// <summary>The list of suppressed numbers; its filters follow as <c>&amp;name=value</c> (see <see cref="ListQuery.QueryString"/>).</summary>
    public string Suppressions(AccountId account) => $"{Prefix}/suppressions?account={Uri.EscapeDataString(account.Value)}";

    /// <summary>The list's CSV export; its filters follow as for <see cref="Suppressions"/>.</summary>
    public string SuppressionExport(AccountId account) => $"{Prefix}/suppressions/export?account={Uri.EscapeDataString(account.Value)}";

    public string Report(AccountId account) => $"{Prefix}/report?account={Uri.EscapeDataString(account.Value)}";

    public string Access(AccountId account, string reference) => $"{Prefix}/numbers/access?account={Uri.EscapeDataString(account.Value)}&ref={Uri.EscapeDataString(reference)}";

    /// <summary>An event's consent certificate, as its HTML page or (<paramref name="json"/>) the JSON download; the number travels as a reference.</summary>
    public string Certificate(AccountId account, string reference, string eventId, bool json = false) =>
        $"{Prefix}/numbers/certificate?account={Uri.EscapeDataString(account.Value)}&ref={Uri.EscapeDataString(reference)}&event={Uri.EscapeDataString(eventId)}" +
        (json ? "&format=json" : string.Empty);

    public string Requests(AccountId account) => $"{Prefix}/requests?account={Uri.EscapeDataString(account.Value)}";

    public string Webhooks(AccountId account) => $"{Prefix}/webhooks?account={Uri.EscapeDataString(account.Value)}";

    public string WebhookAction(string action) => $"{Prefix}/webhooks/{action}";
}
