using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// SMS.to's recent opt-outs: <c>GET /v1/recent/optouts</c> on the contacts API, as its official client calls it
/// (intergo/sms.to-php <c>Module/Contact/Contact.php</c>, <c>recentOptouts()</c>: no parameters, no paging). SMS.to
/// documents neither the answer's shape nor how far back "recent" reaches, so the reader is lenient and says so: the
/// items are the root array or the array under <c>data</c> (or <c>optouts</c>); an item's number is its <c>phone</c>,
/// <c>phone_number</c>, <c>number</c>, <c>msisdn</c> or <c>unsubscribed_number</c>, its time its <c>created_at</c>,
/// <c>updated_at</c>, <c>date</c>, <c>timestamp</c> or <c>unsubscribed_at</c>. An item without a number or a time is
/// skipped, not guessed; items outside the run's window are left for the run they belong to. One page.
/// </summary>
internal sealed class SmsToOptOutSource(IHttpClientFactory httpClients, ProviderAccountOptions<SmsToOptions> options, TimeProvider time) : IProviderOptOutSource
{
    private static readonly string[] NumberFields = ["phone", "phone_number", "number", "msisdn", "unsubscribed_number"];
    private static readonly string[] TimeFields = ["created_at", "updated_at", "date", "timestamp", "unsubscribed_at"];

    public async Task<ProviderOptOutPage> ReadPageAsync(AccountId account, ProviderOptOutWindow window, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        SmsToOptions credentials;
        try
        {
            credentials = await options.GetAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            throw new ProviderUnavailableException($"SMS.to's options of account '{account}' are not valid: {e.Message}", e);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ProviderHttp.Root(credentials.ContactsBaseAddress), "v1/recent/optouts"))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", credentials.ApiKey) },
        };
        var policy = new ProviderRetryPolicy(SmsToProvider.ProviderName, "SMS.to", credentials.RequestTimeout, 1, TimeSpan.Zero);
        using var answer = await ProviderHttp.GetJsonAsync(httpClients.CreateClient(SmsToSmsTransport.HttpClientName), request, policy, time, cancellationToken).ConfigureAwait(false);
        var items = Items(answer.RootElement) ?? throw new ProviderUnavailableException("SMS.to's recent opt-outs are neither an array nor an object with a \"data\" array.");
        var optOuts = new List<ProviderOptOut>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && First(item, NumberFields) is { } text && ProviderNumbers.Find(text) is { } number
                && First(item, TimeFields) is { } when && ReadTime(when) is { } at && (window.Since is null || at >= window.Since) && at <= window.Until)
            {
                optOuts.Add(new ProviderOptOut(number, at));
            }
        }

        return new ProviderOptOutPage(optOuts, null);
    }

    private static JsonElement? Items(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array ? root
        : root.ValueKind != JsonValueKind.Object ? null
        : root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data
        : root.TryGetProperty("optouts", out var optouts) && optouts.ValueKind == JsonValueKind.Array ? optouts
        : null;

    private static string? First(JsonElement item, string[] names) => names.Select(name => ProviderJson.Find(item, name)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>An ISO 8601 time (UTC when it names no offset), or Unix seconds.</summary>
    private static DateTimeOffset? ReadTime(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at
        : null;
}
