using Microsoft.Extensions.Logging;

namespace SmsOptOut.Internal;

/// <summary>Every log message of the core package, source-generated, with stable event ids. Numbers are masked by the caller.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Consent {Kind} for {MaskedNumber} of account {Account} via {Source}: {Status}")]
    public static partial void ConsentHandled(ILogger logger, string kind, string maskedNumber, string account, string source, string status);

    [LoggerMessage(1002, LogLevel.Error, "Consent observer {Observer} failed for event {EventId}; the event stays recorded")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string eventId);

    [LoggerMessage(1003, LogLevel.Warning, "Accepted because no compliance profile covers it: {Finding}")]
    public static partial void ComplianceSettingAccepted(ILogger logger, string finding);

    [LoggerMessage(1004, LogLevel.Warning, "SmsOptOutOptions.Compliance.AllowNarrowOptOutScopes is on: opt-outs narrower than the account are accepted under every compliance profile")]
    public static partial void NarrowOptOutScopesAllowed(ILogger logger);

    [LoggerMessage(1005, LogLevel.Warning, "The settings of account {Account} are invalid, so its operations fail until they are fixed: {Failures}")]
    public static partial void AccountSettingsInvalid(ILogger logger, string account, string failures);

    [LoggerMessage(1006, LogLevel.Information, "Ended {Count} pauses of account {Account} whose time had run out")]
    public static partial void PausesEnded(ILogger logger, int count, string account);

    [LoggerMessage(1007, LogLevel.Error, "A round of ending pauses failed; it runs again at the next interval, and until then the paused numbers stay suppressed")]
    public static partial void PauseSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(1051, LogLevel.Error, "A round of consent log checkpoints or verification failed; it runs again at the next interval")]
    public static partial void CheckpointsFailed(ILogger logger, Exception exception);

    [LoggerMessage(1052, LogLevel.Critical, "The consent log of account {Account} does not match what it recorded: {Reason}")]
    public static partial void ConsentLogDiverged(ILogger logger, string account, string reason);

    [LoggerMessage(1053, LogLevel.Warning, "Witness {Witness} did not accept the checkpoint of {TreeSize} events of account {Account}; it is offered the latest checkpoint again at the next round")]
    public static partial void CheckpointNotWitnessed(ILogger logger, Exception exception, string witness, long treeSize, string account);

    [LoggerMessage(1101, LogLevel.Warning, "Stateless opt-out links use a random development key generated at startup: links stop working when the process restarts. Configure SmsOptOutOptions.Links.SigningKeys for anything but development.")]
    public static partial void DevelopmentLinkKey(ILogger logger);

    [LoggerMessage(1102, LogLevel.Information, "Storage cleanup deleted {Tokens} expired opt-out link tokens and {Delivered} delivered webhooks past retention")]
    public static partial void StorageCleaned(ILogger logger, int tokens, int delivered);

    [LoggerMessage(1103, LogLevel.Warning, "Storage cleanup failed; retrying at the next interval")]
    public static partial void StorageCleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(1204, LogLevel.Warning, "A message from {Provider} was read as {Class} but its text is not covered by the provider's signature: only an opt-out or a help request is taken from such a text")]
    public static partial void UnauthenticatedTextIgnored(ILogger logger, string provider, string @class);

    [LoggerMessage(1201, LogLevel.Warning, "No reply to {MaskedNumber}: the message was received {Age} ago, outside the reply window")]
    public static partial void ReplyWindowMissed(ILogger logger, string maskedNumber, TimeSpan age);

    [LoggerMessage(1202, LogLevel.Warning, "Cannot reply to {MaskedNumber}: no ISmsTransport is registered")]
    public static partial void NoTransportForReply(ILogger logger, string maskedNumber);

    [LoggerMessage(1203, LogLevel.Warning, "The reply to {MaskedNumber} was not sent: {Status} {Error}")]
    public static partial void ReplyFailed(ILogger logger, string maskedNumber, string status, string? error);

    [LoggerMessage(1301, LogLevel.Warning, "Webhook {MessageId} of account {Account} is dead-lettered after {Attempts} attempts: {Error}. Replay it with IOptOutWebhookDispatcher.ReplayDeadLettersAsync")]
    public static partial void WebhookDeadLettered(ILogger logger, string messageId, string account, int attempts, string? error);

    [LoggerMessage(1302, LogLevel.Information, "Webhook {MessageId} attempt {Attempts} failed ({Error}); next attempt at {NextAttemptAt}")]
    public static partial void WebhookRetryScheduled(ILogger logger, string messageId, int attempts, DateTimeOffset nextAttemptAt, string? error);

    [LoggerMessage(1303, LogLevel.Warning, "Webhook {MessageId}: the lease expired before the result was recorded; another dispatcher will retry it")]
    public static partial void WebhookLeaseLost(ILogger logger, string messageId);

    [LoggerMessage(1304, LogLevel.Error, "A webhook dispatch round failed; retrying after the poll interval")]
    public static partial void WebhookDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(1306, LogLevel.Warning, "{Provider} created nothing on attempt {Attempt} of {MaxAttempts} (rate limited, unavailable or refused the connection); retrying in {DelayMilliseconds} ms")]
    public static partial void ProviderRetry(ILogger logger, string provider, int attempt, int maxAttempts, long delayMilliseconds);

    [LoggerMessage(1305, LogLevel.Warning, "Consent event {EventId} is not pushed to any provider: no provider could be chosen for its account")]
    public static partial void ProviderSyncSkipped(ILogger logger, Exception exception, string eventId);

    [LoggerMessage(1401, LogLevel.Information, "List send for account {Account}, list {List}: {Sent} sent, {Suppressed} suppressed, {DoNotCallRegistry} on a do-not-call registry (exemption {DoNotCallExemption}), {Invalid} invalid, {Duplicates} duplicates, {Failed} failed, cancelled {Cancelled}")]
    public static partial void ListSent(ILogger logger, string account, string list, long sent, long suppressed, long doNotCallRegistry, string doNotCallExemption,
        long invalid, long duplicates, long failed, bool cancelled);

    [LoggerMessage(1402, LogLevel.Warning, "The list message of account {Account} to list {List} offers no way to opt out (no {{optout}} and no \"Reply STOP\" instruction); it is sent because OptOutPolicy is Warn")]
    public static partial void NoOptOutMechanism(ILogger logger, string account, string list);

    [LoggerMessage(1403, LogLevel.Warning, "The list message of account {Account} to list {List} does not name the sender \"{Sender}\" and no identification text is configured; it is sent because SenderIdentificationPolicy is Warn")]
    public static partial void SenderNotIdentified(ILogger logger, string account, string list, string sender);

    [LoggerMessage(1501, LogLevel.Information, "Unsubscription report for account {Account}: {OptOuts} opt-outs, {OptIns} opt-ins, sent by {Channels}")]
    public static partial void ReportSent(ILogger logger, string account, int optOuts, int optIns, string channels);

    [LoggerMessage(1502, LogLevel.Error, "The unsubscription report for account {Account} could not be sent; the same period is reported again next time")]
    public static partial void ReportFailed(ILogger logger, Exception exception, string account);

    [LoggerMessage(1503, LogLevel.Warning, "Account {Account} wants reports by {Channel} but no {What} is configured")]
    public static partial void ReportChannelUnavailable(ILogger logger, string account, string channel, string what);

    [LoggerMessage(1504, LogLevel.Error, "A report round failed; retrying after the poll interval")]
    public static partial void ReportRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(1601, LogLevel.Information, "Erased a number from account {Account} for request {RequestId}: {Events} events, {Suppressions} suppressions kept as pseudonyms, {Tokens} tokens, {Webhooks} webhooks, {Replies} reply rows")]
    public static partial void Erased(ILogger logger, string account, string requestId, int events, int suppressions, int tokens, int webhooks, int replies);

    [LoggerMessage(1602, LogLevel.Information, "Retention removed the personal details of {Events} consent events recorded before {Cutoff}")]
    public static partial void EvidenceMinimized(ILogger logger, int events, DateTimeOffset cutoff);

    [LoggerMessage(1603, LogLevel.Information, "Recorded data-subject request {Reference}: {Kind} under {Law}, account {Account}, due {DueAt}")]
    public static partial void RequestRecorded(ILogger logger, string reference, string kind, string law, string? account, DateTimeOffset dueAt);

    [LoggerMessage(1604, LogLevel.Information, "Extended data-subject request {Reference} under {Law} to {ExtendedDueAt}")]
    public static partial void RequestExtended(ILogger logger, string reference, string law, DateTimeOffset extendedDueAt);

    [LoggerMessage(1605, LogLevel.Information, "Closed data-subject request {Reference} ({Kind} under {Law}): {Resolution}")]
    public static partial void RequestClosed(ILogger logger, string reference, string kind, string law, string resolution);

    [LoggerMessage(1701, LogLevel.Information, "Double opt-in of {MaskedNumber} to account {Account} requested: {Outcome}")]
    public static partial void OptInRequested(ILogger logger, string maskedNumber, string account, string outcome);

    [LoggerMessage(1702, LogLevel.Information, "Double opt-in of {MaskedNumber} to account {Account} confirmed")]
    public static partial void OptInConfirmed(ILogger logger, string maskedNumber, string account);

    [LoggerMessage(1703, LogLevel.Warning, "The confirmation text to {MaskedNumber} was not sent: {Status} {Error}; the request stays pending")]
    public static partial void OptInTextFailed(ILogger logger, string maskedNumber, string status, string? error);

    [LoggerMessage(1704, LogLevel.Information, "Consent of {MaskedNumber} to account {Account} revoked by an opt-out")]
    public static partial void OptInRevoked(ILogger logger, string maskedNumber, string account);

    [LoggerMessage(1705, LogLevel.Information, "Consent of {Count} numbers to account {Account} revoked by a batch of opt-outs")]
    public static partial void OptInsRevoked(ILogger logger, int count, string account);

    [LoggerMessage(1801, LogLevel.Information, "Released {Count} held messages of account {Account}: {Sent} sent, {Skipped} skipped by the rules in force now")]
    public static partial void HeldReleased(ILogger logger, int count, string account, long sent, long skipped);

    [LoggerMessage(1802, LogLevel.Error, "Sending {Count} held messages of account {Account} failed; they stay claimed (in doubt) and are not sent again on their own")]
    public static partial void HeldReleaseFailed(ILogger logger, Exception exception, int count, string account);

    [LoggerMessage(1803, LogLevel.Error, "The scheduler of held messages failed; it tries again at the next interval")]
    public static partial void SchedulerFailed(ILogger logger, Exception exception);

    [LoggerMessage(1901, LogLevel.Warning, "Reconciliation with {Provider} found {Recorded} opt-outs of account {Account} that no webhook had brought (of {Read} listed), and recorded them: check the webhook's configuration and delivery")]
    public static partial void ReconciliationFoundMissing(ILogger logger, string provider, string account, int recorded, int read);

    [LoggerMessage(1902, LogLevel.Information, "Reconciliation with {Provider}: every one of the {Read} opt-outs it lists for account {Account} was already recorded")]
    public static partial void ReconciliationFoundNothing(ILogger logger, string provider, string account, int read);

    [LoggerMessage(1903, LogLevel.Warning, "Reconciliation with {Provider} of account {Account} stopped after {Read} opt-outs read ({Recorded} recorded) and resumes there next time: {Reason}")]
    public static partial void ReconciliationStopped(ILogger logger, string provider, string account, int read, int recorded, string reason);

    [LoggerMessage(1904, LogLevel.Error, "A round of provider reconciliation failed; it runs again at the next interval")]
    public static partial void ReconciliationFailed(ILogger logger, Exception exception);

    [LoggerMessage(1307, LogLevel.Information, "The push of consent event {EventId} ({Kind}) of account {Account} to its provider is settled without a call: a newer {LatestKind} of the number was recorded since, and its own push carries the current state")]
    public static partial void ProviderPushSuperseded(ILogger logger, string eventId, string account, string kind, string latestKind);
}
