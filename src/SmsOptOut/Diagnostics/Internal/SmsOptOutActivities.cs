using System.Diagnostics;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Diagnostics.Internal;

/// <summary>
/// The <see cref="SmsOptOutDiagnostics.ActivitySourceName"/> activity source and the names of its spans and tags.
/// Phone numbers are only ever tagged masked, as the logs write them.
/// </summary>
internal static class SmsOptOutActivities
{
    public const string Consent = "smsoptout.consent";
    public const string ConsentBatch = "smsoptout.consent.batch";
    public const string SendBatch = "smsoptout.send.batch";
    public const string WebhookDelivery = "smsoptout.webhook.delivery";
    public const string Inbound = "smsoptout.inbound";
    public const string Erasure = "smsoptout.erasure";

    public const string AccountTag = "smsoptout.account";
    public const string NumberTag = "smsoptout.number";
    public const string KindTag = "smsoptout.kind";
    public const string SourceTag = "smsoptout.source";
    public const string OutcomeTag = "smsoptout.outcome";

    public static readonly ActivitySource Source = new(SmsOptOutDiagnostics.ActivitySourceName, typeof(SmsOptOutActivities).Assembly.GetName().Version?.ToString(3));

    /// <summary>Starts a span when someone listens; <see langword="null"/> otherwise, so unobserved work costs nothing.</summary>
    public static Activity? Start(string name, AccountId account)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag(AccountTag, account.Value);
        return activity;
    }

    /// <summary>Tags the masked number.</summary>
    public static Activity? WithNumber(this Activity? activity, PhoneNumber number)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(NumberTag, number.ToMaskedString());
        }

        return activity;
    }

    /// <summary>Marks the span failed with the exception's type and message.</summary>
    public static void Failed(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", exception.GetType().FullName);
    }
}
