using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Twilio.Internal;

/// <summary>
/// Sends through Twilio's Messages API. Retries only what provably created nothing (429, 503 with Retry-After, a
/// refused connection); a timeout or a server error after the request was sent is reported as
/// <see cref="SmsSendStatus.FailedUnknown"/>, never retried, so no message goes out twice.
/// </summary>
internal sealed class TwilioSmsTransport(IHttpClientFactory httpClients, ProviderAccountOptions<TwilioOptions> options, TimeProvider timeProvider) : ISmsTransport
{
    public const string HttpClientName = "SmsOptOut.Twilio";
    private const string UnsubscribedRecipient = "21610";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        TwilioOptions o;
        try
        {
            o = await options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = TwilioInbound.ProviderName };
        }

        var form = Form(message, o);
        var root = o.BaseAddress.OriginalString.EndsWith('/') ? o.BaseAddress : new Uri(o.BaseAddress.OriginalString + "/");
        var url = new Uri(root, $"2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid)}/Messages.json");
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{o.AccountSid}:{o.AuthToken}")));

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = auth;
            using var timeout = new CancellationTokenSource(o.RequestTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            TimeSpan? retryIn;
            try
            {
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token).ConfigureAwait(false);
                var (result, retryAfter) = await ReadAsync(response, linked.Token).ConfigureAwait(false);
                if (result is not null)
                {
                    return result;
                }

                retryIn = retryAfter;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Unknown($"no answer within {o.RequestTimeout.TotalSeconds:0.###} s; the message may or may not have been created");
            }
            catch (HttpRequestException e) when (IsConnectionRefused(e))
            {
                retryIn = Backoff(attempt);
                if (attempt >= o.MaxAttempts)
                {
                    return SmsSendResult.Failed(null, $"Twilio refused the connection {attempt} times: {e.Message}") with { ProviderName = TwilioInbound.ProviderName };
                }
            }
            catch (HttpRequestException e)
            {
                return Unknown($"the connection failed after the request may have been sent: {e.Message}");
            }

            if (attempt >= o.MaxAttempts || retryIn > o.MaxRetryDelay)
            {
                return SmsSendResult.Failed("429", $"Twilio is rate limiting (retry after {retryIn?.TotalSeconds:0} s); gave up after {attempt} attempts")
                    with { ProviderName = TwilioInbound.ProviderName };
            }

            await Task.Delay(retryIn ?? Backoff(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(TwilioOptions) ? options.Static
        : serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : null;

    private async Task<(SmsSendResult? Result, TimeSpan? RetryAfter)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };

        if (status == 429 || (status == 503 && retryAfter is not null))
        {
            return (null, retryAfter ?? TimeSpan.FromSeconds(1));
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            var sid = TryRead(body, "sid");
            return (SmsSendResult.Sent(sid) with { ProviderName = TwilioInbound.ProviderName }, null);
        }

        if (status is >= 400 and < 500)
        {
            var code = TryRead(body, "code");
            var text = TryRead(body, "message") ?? $"HTTP {status}";
            var kind = code == UnsubscribedRecipient ? SmsSendStatus.RecipientOptedOut : SmsSendStatus.Failed;
            return (new SmsSendResult(kind) { ProviderErrorCode = code ?? status.ToString(CultureInfo.InvariantCulture), ErrorMessage = text, ProviderName = TwilioInbound.ProviderName }, null);
        }

        return (Unknown($"Twilio answered HTTP {status} after receiving the request; the message may or may not have been created"), null);
    }

    private static List<KeyValuePair<string, string>> Form(SmsMessage message, TwilioOptions o)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", message.To.ToString()), new("Body", message.Body) };
        if (o.StatusCallbackUrl is { } callback)
        {
            form.Add(new("StatusCallback", callback.ToString()));
        }

        if (message.From is { } from)
        {
            form.Add(new("From", from.ToString()));
        }
        else if (!string.IsNullOrEmpty(o.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", o.MessagingServiceSid));
        }
        else
        {
            form.Add(new("From", o.From!));
        }

        return form;
    }

    private static string? TryRead(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
                ? value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsConnectionRefused(HttpRequestException e) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));

    private static SmsSendResult Unknown(string error) =>
        new(SmsSendStatus.FailedUnknown) { ErrorMessage = error, ProviderName = TwilioInbound.ProviderName };
}
