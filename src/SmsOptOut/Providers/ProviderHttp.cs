using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using SmsOptOut.Sending;

namespace SmsOptOut.Providers;

/// <summary>
/// The HTTP discipline every provider package shares, for provider authors: a message is retried only when the
/// provider provably created nothing (429, 503 with <c>Retry-After</c>, a refused connection); a timeout, a broken
/// connection or a 5xx after the request left is <see cref="SmsSendStatus.FailedUnknown"/> and never retried, so no
/// person is texted twice. Consent pushes, which are idempotent, are retried by the outbox instead.
/// </summary>
public static class ProviderHttp
{
    /// <summary>Plain characters (<c>+</c>, accents) written as themselves, as providers' own clients write them.</summary>
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Sends one message request, retrying only what created nothing.</summary>
    /// <param name="client">The provider's named client from <c>IHttpClientFactory</c> (no timeout of its own).</param>
    /// <param name="createRequest">Builds the request; called once per attempt.</param>
    /// <param name="readResponse">
    /// Reads the provider's answer into a result — or into <see cref="ProviderResponse.Retry"/> when the answer proves
    /// nothing was created (429, 503 with <c>Retry-After</c>). Statuses it does not handle (5xx) are read as unknown.
    /// </param>
    /// <param name="policy">Timeout, attempts and the provider's name for the results.</param>
    /// <param name="time">The clock timeouts and waits run on.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>What became of the message.</returns>
    public static async Task<SmsSendResult> SendMessageAsync(HttpClient client, Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<ProviderResponse>> readResponse, ProviderRetryPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentNullException.ThrowIfNull(readResponse);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        for (var attempt = 1; ; attempt++)
        {
            using var request = createRequest();
            using var timeout = new CancellationTokenSource(policy.RequestTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            TimeSpan retryIn;
            try
            {
                using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
                var answer = await readResponse(response, linked.Token).ConfigureAwait(false);
                if (answer.Result is { } result)
                {
                    return result with { ProviderName = result.ProviderName ?? policy.ProviderName };
                }

                if (answer.RetryAfter is not { } wait)
                {
                    return Unknown(policy, $"{policy.DisplayName} answered HTTP {(int)response.StatusCode} after receiving the request; the message may or may not have been created");
                }

                retryIn = wait;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Unknown(policy, $"no answer from {policy.DisplayName} within {policy.RequestTimeout.TotalSeconds:0.###} s; the message may or may not have been created");
            }
            catch (HttpRequestException e) when (IsConnectionRefused(e))
            {
                if (attempt >= policy.MaxAttempts)
                {
                    return SmsSendResult.Failed(null, $"{policy.DisplayName} refused the connection {attempt} times: {e.Message}") with { ProviderName = policy.ProviderName };
                }

                retryIn = Backoff(attempt);
            }
            catch (HttpRequestException e)
            {
                return Unknown(policy, $"the connection to {policy.DisplayName} failed after the request may have been sent: {e.Message}");
            }

            if (attempt >= policy.MaxAttempts || retryIn > policy.MaxRetryDelay)
            {
                return SmsSendResult.Failed("429", $"{policy.DisplayName} is rate limiting (retry after {retryIn.TotalSeconds:0} s); gave up after {attempt} attempts")
                    with { ProviderName = policy.ProviderName };
            }

            if (policy.Logger is { } logger)
            {
                SmsOptOut.Internal.Log.ProviderRetry(logger, policy.ProviderName, attempt, policy.MaxAttempts, (long)retryIn.TotalMilliseconds);
            }

            await Task.Delay(retryIn, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one consent push (idempotent at the provider) and says whether it is done, to be retried by the outbox
    /// (timeout, connection failure, 429, 5xx), or refused for good (other 4xx).
    /// </summary>
    /// <param name="client">The provider's named client.</param>
    /// <param name="request">The request.</param>
    /// <param name="policy">The timeout and the provider's name.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The outcome.</returns>
    public static async Task<ProviderSyncResult> PushAsync(HttpClient client, HttpRequestMessage request, ProviderRetryPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        using var timeout = new CancellationTokenSource(policy.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return ProviderSyncResult.Done;
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var error = $"{policy.DisplayName} answered HTTP {status}: {Truncate(body)}";
            return status is 408 or 429 or >= 500
                ? new ProviderSyncResult(ProviderSyncOutcome.Retry, error) { RetryAfter = RetryAfter(response, time) }
                : new ProviderSyncResult(ProviderSyncOutcome.Rejected, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProviderSyncResult(ProviderSyncOutcome.Retry, $"no answer from {policy.DisplayName} within {policy.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return new ProviderSyncResult(ProviderSyncOutcome.Retry, $"the connection to {policy.DisplayName} failed: {e.Message}");
        }
    }

    /// <summary>
    /// Reads one JSON answer of a provider's listing API (a page of its opt-outs), within the policy's timeout. What it
    /// cannot give — no answer, a refused connection, a non-2xx status, a body that is not JSON — is a
    /// <see cref="ProviderUnavailableException"/> naming the provider and the status, never a secret.
    /// </summary>
    /// <param name="client">The provider's named client.</param>
    /// <param name="request">The request.</param>
    /// <param name="policy">The timeout and the provider's name.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The parsed answer; dispose it.</returns>
    /// <exception cref="ProviderUnavailableException">The provider's answer cannot be had or read.</exception>
    public static async Task<JsonDocument> GetJsonAsync(HttpClient client, HttpRequestMessage request, ProviderRetryPolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        using var timeout = new CancellationTokenSource(policy.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderUnavailableException($"{policy.DisplayName} answered HTTP {(int)response.StatusCode} to {request.RequestUri?.AbsolutePath}: {Truncate(body)}");
            }

            return JsonDocument.Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderUnavailableException($"no answer from {policy.DisplayName} within {policy.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            throw new ProviderUnavailableException($"the connection to {policy.DisplayName} failed: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new ProviderUnavailableException($"{policy.DisplayName}'s answer to {request.RequestUri?.AbsolutePath} is not JSON: {e.Message}", e);
        }
    }

    /// <summary>The wait a 429 or 503 asks for (<c>Retry-After</c> as seconds or a date), or <see langword="null"/>.</summary>
    /// <param name="response">The response.</param>
    /// <param name="time">The clock a date is measured against.</param>
    /// <returns>The wait.</returns>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
    }

    /// <summary>The answers that prove nothing was created: 429, or 503 with <c>Retry-After</c>; <see langword="null"/> for any other.</summary>
    /// <param name="response">The response.</param>
    /// <param name="time">The clock.</param>
    /// <returns>A retry, or <see langword="null"/>.</returns>
    public static ProviderResponse? Throttled(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = RetryAfter(response, time);
        return response.StatusCode == HttpStatusCode.TooManyRequests || (response.StatusCode == HttpStatusCode.ServiceUnavailable && retryAfter is not null)
            ? ProviderResponse.Retry(retryAfter ?? TimeSpan.FromSeconds(1))
            : null;
    }

    /// <summary>A string property of a JSON document (a number is given as its text), or <see langword="null"/> when the text is not JSON or lacks it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="path">The property names (and array indexes) from the root down.</param>
    /// <returns>The value.</returns>
    public static string? ReadJson(string json, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var document = JsonDocument.Parse(json);
            return ProviderJson.Find(document.RootElement, path);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A JSON request body (<c>application/json; charset=utf-8</c>), written without reflection.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The content.</returns>
    public static HttpContent Json(System.Text.Json.Nodes.JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new StringContent(body.ToJsonString(RelaxedJson), System.Text.Encoding.UTF8, "application/json");
    }

    /// <summary>An <c>Authorization: Basic</c> header for a user and password.</summary>
    /// <param name="user">The user (an account id or API key).</param>
    /// <param name="password">The password (a token or secret).</param>
    /// <returns>The header value.</returns>
    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>A base address with its trailing slash, so that relative paths append to it rather than replace its last segment.</summary>
    /// <param name="address">The provider's base address, such as <c>https://api.example.com/v1</c>.</param>
    /// <returns>The address ending in <c>/</c>.</returns>
    public static Uri Root(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.OriginalString.EndsWith('/') ? address : new Uri(address.OriginalString + "/");
    }

    private static SmsSendResult Unknown(ProviderRetryPolicy policy, string error) =>
        new(SmsSendStatus.FailedUnknown) { ErrorMessage = error, ProviderName = policy.ProviderName };

    private static bool IsConnectionRefused(HttpRequestException e) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
