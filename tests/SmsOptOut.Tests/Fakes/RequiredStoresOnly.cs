using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.InMemory;

namespace SmsOptOut.Tests.Fakes;

/// <summary>A custom storage that implements only the required storage contracts (in memory), none of the optional ones.</summary>
internal static class RequiredStoresOnly
{
    public static void Register(IServiceCollection s)
    {
        s.AddSingleton<InMemoryWebhookOutbox>();
        s.AddSingleton<SmsOptOut.Webhooks.IWebhookOutboxStore>(sp => sp.GetRequiredService<InMemoryWebhookOutbox>());
        s.AddSingleton<InMemorySuppressionStore>();
        s.AddSingleton<SmsOptOut.Suppression.ISuppressionStore>(sp => sp.GetRequiredService<InMemorySuppressionStore>());
        s.AddSingleton<SmsOptOut.Links.IOptOutLinkTokenStore, InMemoryLinkTokenStore>();
        s.AddSingleton<SmsOptOut.Keywords.IKeywordReplyLedger, InMemoryKeywordReplyLedger>();
        s.AddSingleton<SmsOptOut.Reports.IReportCursorStore, InMemoryReportCursorStore>();
    }
}
