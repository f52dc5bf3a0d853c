namespace SmsOptOut.Webhooks;

/// <summary>Opt-out webhooks: payload, retries, timeouts, SSRF rules and the single-account default endpoint. At <c>SmsOptOutOptions.Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The default retry schedule of the Standard Webhooks spec: the delays before attempts 2 to 10.</summary>
    public static readonly IReadOnlyList<TimeSpan> StandardSchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    /// <summary>
    /// A retry schedule for testing a receiver: 1, 2, 4 and 8 seconds, so every retry and the dead letter show within a
    /// quarter of a minute. Never use it in production: a receiver that is down for a minute loses its webhooks to the
    /// dead letters.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> TestSchedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>The default callback URL of every account (single-account hosts). Per-account endpoints come from an <see cref="IWebhookEndpointProvider"/>.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>Per-list callback URLs that override <see cref="CallbackUrl"/>, by list id.</summary>
    public IDictionary<string, Uri> ListCallbackUrls { get; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>The signing secrets (<c>whsec_</c> + base64 of 24 to 64 random bytes) of <see cref="CallbackUrl"/>; two during a rotation.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary><see cref="WebhookPayloadFormat.Legacy"/> (default) or the Standard Webhooks envelope.</summary>
    public WebhookPayloadFormat Format { get; set; } = WebhookPayloadFormat.Legacy;

    /// <summary>Adds <c>account</c>, <c>list</c>, <c>campaign</c> and <c>event_id</c> to the body. Off by default (the legacy body has none).</summary>
    public bool IncludeDetails { get; set; }

    /// <summary>Also send opt-ins (type <c>optin.created</c>). Only with <see cref="WebhookPayloadFormat.StandardEnvelope"/>: a legacy receiver would read them as opt-outs.</summary>
    public bool IncludeOptIns { get; set; }

    /// <summary>Delays before each retry; the message is dead-lettered after the last. Each delay is drawn uniformly between zero and the value (full jitter).</summary>
    public IList<TimeSpan> RetrySchedule { get; } = [.. StandardSchedule];

    /// <summary>How long one attempt may take. Default 15 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the dispatcher looks for due messages when it was not woken by a new one. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message stays leased to one dispatcher. Must exceed <see cref="RequestTimeout"/>. Default 1 minute.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many deliveries one dispatcher runs at once. Default 32.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>How many deliveries run at once against one endpoint (scheme, host and port). Default 8.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 8;

    /// <summary>How long delivered messages are kept before the cleanup deletes them. Default 7 days.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Whether this app instance runs the background dispatcher. Default on; turn off on instances that must not deliver.</summary>
    public bool EnableDispatcher { get; set; } = true;

    /// <summary>
    /// For development and tests only: allows <c>http://</c> URLs and loopback addresses (127.0.0.0/8, ::1). Every other
    /// private, link-local, metadata and reserved address stays refused. Never enable it in production.
    /// </summary>
    public bool DangerouslyAllowLoopbackAndHttpForTesting { get; set; }

    /// <summary>
    /// For testing a receiver: replaces <see cref="RetrySchedule"/> with <see cref="TestSchedule"/> and polls every 100 ms.
    /// Pair it with <c>IOptOutWebhookDispatcher.DeliverPendingNowAsync</c> to skip even those waits.
    /// </summary>
    /// <returns>These options.</returns>
    public WebhookOptions UseTestSchedule()
    {
        RetrySchedule.Clear();
        foreach (var delay in TestSchedule)
        {
            RetrySchedule.Add(delay);
        }

        PollInterval = TimeSpan.FromMilliseconds(100);
        return this;
    }
}
