using Microsoft.Extensions.Options;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.DependencyInjection.Internal;

/// <summary>Which storage adapter the host chose; validated at startup so a missing choice fails loudly.</summary>
internal sealed class StorageSelection
{
    public const string NoStorageMessage =
        "SmsOptOut has no storage. Call UseSqlite(...), UsePostgreSql(...), UseRedis(...) or UseInMemory() on the builder " +
        "returned by services.AddSmsOptOut(). SmsOptOut never falls back to memory on its own: a lost opt-out is a compliance breach.";

    /// <summary>Every service a storage adapter provides; a chosen adapter replaces all of them.</summary>
    public static readonly Type[] StorageServiceTypes = [typeof(ISuppressionStore), typeof(IOptOutLinkTokenStore), typeof(IKeywordReplyLedger), typeof(IWebhookOutboxStore), typeof(IReportCursorStore)];

    /// <summary>Storage services an adapter may provide; without them SmsOptOut says what it cannot do when asked.</summary>
    public static readonly Type[] OptionalStorageServiceTypes = [typeof(Privacy.IDataSubjectStore), typeof(DoNotCall.IDoNotCallRegistryStore), typeof(Storage.IStorageSchema), typeof(OptIn.IOptInStore), typeof(Sending.ISendLedger), typeof(Sending.IDeferredSendStore), typeof(Reports.IConsentStatisticsStore), typeof(IWebhookDeliveryHistory), typeof(ISuppressionCounter), typeof(Providers.IWebhookReplayGuard), typeof(Providers.IReconciliationCheckpointStore), typeof(Storage.IAccountDirectory), typeof(ISuppressionListing)];

    public string? Name { get; set; }

    public static InvalidOperationException NoStorage() => new(NoStorageMessage);

    internal sealed class Validator : IValidateOptions<StorageSelection>
    {
        public ValidateOptionsResult Validate(string? name, StorageSelection options) =>
            options.Name is null ? ValidateOptionsResult.Fail(NoStorageMessage) : ValidateOptionsResult.Success;
    }
}
