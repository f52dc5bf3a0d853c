using System.Diagnostics.Metrics;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Diagnostics.Internal;

/// <summary>The instruments of the <see cref="SmsOptOutDiagnostics.MeterName"/> meter.</summary>
internal sealed class SmsOptOutMetrics
{
    private readonly Counter<long> _consentChanges;
    private readonly Counter<long> _webhookAttempts;
    private readonly Histogram<double> _webhookDuration;
    private readonly Counter<long> _recipients;
    private readonly Counter<long> _reconciled;
    private readonly Counter<long> _invalidAccounts;

    public SmsOptOutMetrics(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(SmsOptOutDiagnostics.MeterName) ?? new Meter(SmsOptOutDiagnostics.MeterName);
        _consentChanges = Meter.CreateCounter<long>(
            "smsoptout.consent.requests",
            unit: "{request}",
            description: "Opt-out and opt-in requests handled by the opt-out service, by kind, source and outcome.");
        _webhookAttempts = Meter.CreateCounter<long>(
            "smsoptout.webhook.attempts",
            unit: "{attempt}",
            description: "Webhook delivery attempts by resulting state: delivered, pending (retry scheduled) or dead_lettered.");
        _webhookDuration = Meter.CreateHistogram<double>(
            "smsoptout.webhook.duration",
            unit: "s",
            description: "Time one webhook delivery attempt took, including waiting for the endpoint's concurrency limit.");
        _recipients = Meter.CreateCounter<long>(
            "smsoptout.send.recipients",
            unit: "{recipient}",
            description: "Recipients of sends by outcome: sent, suppressed (opted out, not sent), invalid, duplicate, failed, failed_unknown, opted_out_at_provider.");
        _reconciled = Meter.CreateCounter<long>(
            "smsoptout.reconciliation.opt_outs",
            unit: "{opt-out}",
            description: "Opt-outs a provider lists, read by reconciliation, by provider and outcome: recorded (a webhook never arrived), already_suppressed, superseded (an opt-in recorded here since).");
        _invalidAccounts = Meter.CreateCounter<long>(
            "smsoptout.account_settings.invalid",
            unit: "{resolution}",
            description: "Times an account's settings were read and found invalid (once per cache lifetime): that account's operations fail until they are fixed.");
    }

    public Meter Meter { get; }

    public void ConsentHandled(ConsentKind kind, OptOutSource source, ConsentApplyStatus status) =>
        _consentChanges.Add(
            1,
            new KeyValuePair<string, object?>("smsoptout.kind", TagValues.Kind(kind)),
            new KeyValuePair<string, object?>("smsoptout.source", TagValues.Source(source)),
            new KeyValuePair<string, object?>("smsoptout.outcome", TagValues.Status(status)));

    public void WebhookAttempted(TimeSpan duration) => _webhookDuration.Record(duration.TotalSeconds);

    public void WebhookOutcome(Webhooks.OutboxMessageState state) =>
        _webhookAttempts.Add(1, new KeyValuePair<string, object?>("smsoptout.outcome", TagValues.State(state)));

    public void ReconciliationFound(string provider, string outcome) =>
        _reconciled.Add(1, new KeyValuePair<string, object?>("smsoptout.provider", provider), new KeyValuePair<string, object?>("smsoptout.outcome", outcome));

    public void AccountSettingsInvalid() => _invalidAccounts.Add(1);

    public void RecipientHandled(Sending.RecipientStatus status) =>
        _recipients.Add(1, new KeyValuePair<string, object?>("smsoptout.outcome", TagValues.Recipient(status)));
}
