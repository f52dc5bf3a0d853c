using SmsOptOut.Accounts;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Providers;
using SmsOptOut.Providers.Internal;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>Delivers outbox messages: claim under a lease, POST signed, record delivered / retry / dead-letter.</summary>
internal sealed class WebhookDispatcher(
    IWebhookOutboxStore outbox,
    Suppression.ISuppressionStore store,
    IWebhookEndpointProvider endpoints,
    IEnumerable<ISmsProvider> providers,
    IHttpClientFactory httpClients,
    IWebhookHostResolver resolver,
    IOptions<SmsOptOutOptions> options,
    TimeProvider timeProvider,
    SmsOptOutMetrics metrics,
    ILogger<WebhookDispatcher> logger) : IOptOutWebhookDispatcher
{
    public const string HttpClientName = "SmsOptOut.Webhooks";
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);
    private static readonly string UserAgent = "SmsOptOut/" + typeof(WebhookDispatcher).Assembly.GetName().Version?.ToString(3);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpointGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IProviderConsentSync> _syncs = providers.Where(p => p.ConsentSync is not null).ToDictionary(p => p.Name, p => p.ConsentSync!, StringComparer.Ordinal);
    private readonly WebhookOptions _options = options.Value.Webhooks;

    /// <summary>The lease owner name of this instance.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await outbox.ClaimDueAsync(Owner, timeProvider.GetUtcNow(), _options.LeaseDuration,
            Math.Clamp(_options.MaxConcurrency * 2, 1, SmsOptOut.Webhooks.WebhookOutboxArguments.MaxClaim), cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (message, token) => await DeliverAsync(message, token).ConfigureAwait(false)).ConfigureAwait(false);
        return claimed.Count;
    }

    public async Task<int> DeliverPendingNowAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        await outbox.MakeDueAsync(account, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var attempted = 0;
        for (int round; (round = await DispatchDueAsync(cancellationToken).ConfigureAwait(false)) > 0;)
        {
            attempted += round;
        }

        return attempted;
    }

    /// <summary>
    /// The background loop: keeps up to <see cref="WebhookOptions.MaxConcurrency"/> deliveries in flight, claiming more
    /// as soon as one finishes, so a slow endpoint holds only its own slots; sleeps on <paramref name="signal"/> when idle.
    /// </summary>
    public async Task RunAsync(WebhookWakeSignal signal, CancellationToken stoppingToken)
    {
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = _options.MaxConcurrency - inFlight.Count;
                var claimed = free == 0 ? [] : await outbox.ClaimDueAsync(Owner, timeProvider.GetUtcNow(), _options.LeaseDuration,
                    Math.Min(free, SmsOptOut.Webhooks.WebhookOutboxArguments.MaxClaim), stoppingToken).ConfigureAwait(false);
                foreach (var message in claimed)
                {
                    inFlight.Add(DeliverAsync(message, stoppingToken));
                }

                if (claimed.Count == 0)
                {
                    var idle = signal.WaitAsync(_options.PollInterval, timeProvider, stoppingToken);
                    await (inFlight.Count == 0 ? idle : Task.WhenAny(idle, Task.WhenAny(inFlight))).ConfigureAwait(false);
                }

                inFlight.RemoveAll(static t => t.IsCompleted);
            }
        }
        finally
        {
            await Task.WhenAll(inFlight.Select(static t => t.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    public async Task<WebhookTestResult> SendTestAsync(AccountId account, ListId? list = null, CancellationToken cancellationToken = default)
    {
        var endpoint = await endpoints.GetEndpointAsync(account, list, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return new WebhookTestResult(false, null, TimeSpan.Zero, $"No callback URL is configured for account '{account}'.");
        }

        if (WebhookUrlPolicy.Refusal(endpoint.Url, _options.DangerouslyAllowLoopbackAndHttpForTesting) is { } refusal)
        {
            return new WebhookTestResult(false, null, TimeSpan.Zero, $"The callback URL is refused: {refusal}.");
        }

        var started = timeProvider.GetTimestamp();
        var payload = WebhookPayloadWriter.WriteTest(timeProvider.GetUtcNow(), _options);
        var outcome = await PostAsync(endpoint, "msg_test_" + Guid.NewGuid().ToString("N"), payload, cancellationToken).ConfigureAwait(false);
        return new WebhookTestResult(outcome.Kind == DeliveryOutcomeKind.Delivered, outcome.StatusCode, timeProvider.GetElapsedTime(started), outcome.Error);
    }

    public async Task<WebhookEndpointCheck> ValidateEndpointAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var allowLoopback = _options.DangerouslyAllowLoopbackAndHttpForTesting;
        if (WebhookUrlPolicy.Refusal(url, allowLoopback) is { } refusal)
        {
            return WebhookEndpointCheck.Refused(refusal);
        }

        if (url.HostNameType == UriHostNameType.Dns)
        {
            IPAddress[] addresses;
            try
            {
                addresses = await resolver.ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                return WebhookEndpointCheck.Refused($"'{url.Host}' cannot be resolved: {e.Message}");
            }

            foreach (var address in addresses)
            {
                if (AddressPolicy.Refusal(address, allowLoopback) is { } refused)
                {
                    return WebhookEndpointCheck.Refused($"'{url.Host}' resolves to {refused}; webhooks only go to public addresses");
                }
            }

            if (addresses.Length == 0)
            {
                return WebhookEndpointCheck.Refused($"'{url.Host}' resolves to no address");
            }
        }

        return WebhookEndpointCheck.Allowed;
    }

    public IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, CancellationToken cancellationToken = default) =>
        outbox.GetDeadLettersAsync(account, cancellationToken);

    public Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds = null, CancellationToken cancellationToken = default) =>
        outbox.ReplayDeadLettersAsync(account, messageIds, timeProvider.GetUtcNow(), cancellationToken);

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var activity = SmsOptOutActivities.Start(SmsOptOutActivities.WebhookDelivery, message.Account);
        activity?.SetTag("smsoptout.webhook.id", message.Id);
        activity?.SetTag("smsoptout.webhook.attempt", message.Attempts + 1);
        try
        {
            await DeliverAndRecordAsync(message, activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    private async Task DeliverAndRecordAsync(OutboxMessage message, Activity? activity, CancellationToken cancellationToken)
    {
        if (ProviderSyncPayload.Provider(message.Target) is { } provider)
        {
            await PushToProviderAsync(message, provider, activity, cancellationToken).ConfigureAwait(false);
            return;
        }

        var started = timeProvider.GetTimestamp();
        WebhookEndpoint? endpoint;
        AccountSettingsException? unresolved = null;
        try
        {
            endpoint = await endpoints.GetEndpointAsync(message.Account, message.List, cancellationToken).ConfigureAwait(false);
        }
        catch (AccountSettingsException e)
        {
            // The account's settings are invalid: its callback URL is unknown until they are fixed. The webhook stays owed
            // and is retried on the schedule, never sent to another account's or the global receiver.
            (endpoint, unresolved) = (null, e);
        }

        DeliveryOutcome outcome;
        if (unresolved is not null)
        {
            outcome = DeliveryOutcome.Retry(null, unresolved.Message);
        }
        else if (endpoint is null)
        {
            outcome = DeliveryOutcome.Refused($"account '{message.Account}' has no callback URL any more");
        }
        else if (WebhookUrlPolicy.Refusal(endpoint.Url, _options.DangerouslyAllowLoopbackAndHttpForTesting) is { } refusal)
        {
            outcome = DeliveryOutcome.Refused(refusal);
        }
        else
        {
            var gate = _endpointGates.GetOrAdd(endpoint.Url.GetLeftPart(UriPartial.Authority), _ => new SemaphoreSlim(_options.MaxConcurrencyPerEndpoint));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                outcome = await PostAsync(endpoint, message.Id, message.Payload, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        metrics.WebhookAttempted(timeProvider.GetElapsedTime(started));
        if (activity is not null)
        {
            activity.SetTag("server.address", endpoint?.Url.Host);
            activity.SetTag("http.response.status_code", outcome.StatusCode);
            if (outcome.Kind != DeliveryOutcomeKind.Delivered)
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome.Error);
            }
        }

        var state = await RecordAsync(message, endpoint, outcome, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(SmsOptOutActivities.OutcomeTag, TagValues.State(state));
    }

    /// <summary>A consent change owed to a provider: pushed through its <see cref="IProviderConsentSync"/>, with the webhooks' retries and dead letters.</summary>
    private async Task PushToProviderAsync(OutboxMessage message, string provider, Activity? activity, CancellationToken cancellationToken)
    {
        activity?.SetTag("smsoptout.provider", provider);
        var started = timeProvider.GetTimestamp();
        DeliveryOutcome outcome;
        if (!_syncs.TryGetValue(provider, out var sync))
        {
            outcome = DeliveryOutcome.Refused($"no provider named '{provider}' with a consent sync is registered any more");
        }
        else
        {
            var push = ProviderSyncPayload.Read(message);
            var gate = _endpointGates.GetOrAdd(message.Target!, _ => new SemaphoreSlim(_options.MaxConcurrencyPerEndpoint));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await IsSupersededAsync(push, cancellationToken).ConfigureAwait(false)
                    ? ProviderSyncResult.Done
                    : await sync.PushAsync(push, cancellationToken).ConfigureAwait(false);
                outcome = result.Outcome switch
                {
                    ProviderSyncOutcome.Done => DeliveryOutcome.Delivered(200),
                    ProviderSyncOutcome.Retry => DeliveryOutcome.Retry(null, result.Error ?? "the provider asked to retry", result.RetryAfter),
                    _ => DeliveryOutcome.Refused(result.Error ?? "the provider refused the change"),
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A provider that throws is a passing failure: the change stays owed.
                outcome = DeliveryOutcome.Retry(null, $"the provider's consent sync threw {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }

        metrics.WebhookAttempted(timeProvider.GetElapsedTime(started));
        var state = await RecordAsync(message, null, outcome, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(SmsOptOutActivities.OutcomeTag, TagValues.State(state));
    }

    /// <summary>
    /// Whether a newer account-wide consent change of the number was recorded since <paramref name="push"/>'s: then its own
    /// push (or the provider's own report) carries the current state, and this older one must never land after it — an opt-out
    /// retried past a later opt-in would opt the person out at the provider again. Such a push is settled without a call.
    /// </summary>
    private async Task<bool> IsSupersededAsync(ProviderConsentPush push, CancellationToken cancellationToken)
    {
        ConsentEvent? latest = null;
        var seen = false;
        await foreach (var e in store.GetHistoryAsync(push.Account, push.Number, cancellationToken).ConfigureAwait(false))
        {
            seen |= e.EventId == push.EventId;
            if (e.Scope == SuppressionScope.Account && (latest is null || e.RecordedAt >= latest.RecordedAt))
            {
                latest = e;
            }
        }

        var superseded = seen && latest is not null && latest.EventId != push.EventId;
        if (superseded)
        {
            Log.ProviderPushSuperseded(logger, push.EventId, push.Account.Value, push.Kind.ToString(), latest!.Kind.ToString());
        }

        return superseded;
    }

    private async Task<OutboxMessageState> RecordAsync(OutboxMessage message, WebhookEndpoint? endpoint, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var attempts = message.Attempts + 1;
        var schedule = _options.RetrySchedule;
        var (state, next) = outcome.Kind switch
        {
            DeliveryOutcomeKind.Delivered => (OutboxMessageState.Delivered, now),
            DeliveryOutcomeKind.Retry when attempts <= schedule.Count => (OutboxMessageState.Pending, now + NextDelay(schedule[attempts - 1], outcome.RetryAfter)),
            _ => (OutboxMessageState.DeadLettered, now),
        };

        if (outcome.Kind == DeliveryOutcomeKind.Gone && endpoint is not null)
        {
            await endpoints.DisableEndpointAsync(message.Account, message.List, endpoint.Url, cancellationToken).ConfigureAwait(false);
        }

        var recorded = await outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, message.LeaseOwner ?? Owner, state, attempts, now, next, outcome.Error), cancellationToken)
            .ConfigureAwait(false);
        metrics.WebhookOutcome(state);
        if (!recorded)
        {
            Log.WebhookLeaseLost(logger, message.Id);
        }
        else if (state == OutboxMessageState.DeadLettered)
        {
            Log.WebhookDeadLettered(logger, message.Id, message.Account.Value, attempts, outcome.Error);
        }
        else if (state == OutboxMessageState.Pending)
        {
            Log.WebhookRetryScheduled(logger, message.Id, attempts, next, outcome.Error);
        }

        return state;
    }

    private static TimeSpan NextDelay(TimeSpan scheduled, TimeSpan? retryAfter)
    {
        var jittered = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * scheduled.Ticks));
        return retryAfter is { } wait && wait > jittered ? (wait < MaxRetryAfter ? wait : MaxRetryAfter) : jittered;
    }

    private async Task<DeliveryOutcome> PostAsync(WebhookEndpoint endpoint, string messageId, string payload, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(WebhookPayloadWriter.MediaType(payload));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Add(StandardWebhookSignature.IdHeader, messageId);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(messageId, timestamp, body, endpoint.Secrets));

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => DeliveryOutcome.Delivered(status),
                410 => DeliveryOutcome.Gone(),
                429 or 503 => DeliveryOutcome.Retry(status, $"HTTP {status}", RetryAfter(response.Headers.RetryAfter)),
                >= 300 and < 400 => DeliveryOutcome.Retry(status, $"HTTP {status}: redirects are not followed"),
                _ => DeliveryOutcome.Retry(status, $"HTTP {status}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry(null, $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            return DeliveryOutcome.Refused(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Retry(null, e.Message);
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow(),
        _ => null,
    };

    private static WebhookAddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
