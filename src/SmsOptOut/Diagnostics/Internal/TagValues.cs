using SmsOptOut.Consent;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Diagnostics.Internal;

/// <summary>The values metrics and spans tag with: short, lower-case and stable, the same in both.</summary>
internal static class TagValues
{
    public static string Kind(ConsentKind kind) => kind == ConsentKind.OptOut ? "opt_out" : "opt_in";

    public static string Source(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "keyword",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider_error",
        _ => "other",
    };

    public static string Status(ConsentApplyStatus status) => status switch
    {
        ConsentApplyStatus.Applied => "applied",
        ConsentApplyStatus.AlreadyInState => "already_in_state",
        _ => "duplicate",
    };

    public static string State(OutboxMessageState state) => state switch
    {
        OutboxMessageState.Delivered => "delivered",
        OutboxMessageState.DeadLettered => "dead_lettered",
        _ => "pending",
    };

    public static string Recipient(RecipientStatus status) => status switch
    {
        RecipientStatus.Sent => "sent",
        RecipientStatus.Suppressed => "suppressed",
        RecipientStatus.Invalid => "invalid",
        RecipientStatus.Duplicate => "duplicate",
        RecipientStatus.FailedUnknown => "failed_unknown",
        RecipientStatus.OptedOutAtProvider => "opted_out_at_provider",
        RecipientStatus.DoNotCallRegistry => "do_not_call_registry",
        RecipientStatus.Deferred => "deferred",
        RecipientStatus.NoConsent => "no_consent",
        RecipientStatus.FrequencyCapped => "frequency_capped",
        _ => "failed",
    };
}
