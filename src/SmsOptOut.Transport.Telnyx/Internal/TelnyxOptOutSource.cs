using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>
/// Telnyx's list of opt-outs (https://developers.telnyx.com/api-reference/opt-out-management/list-opt-outs):
/// <c>GET /v2/messaging_optouts</c> with <c>created_at[gte]</c>/<c>created_at[lte]</c> for the window, the account's
/// messaging profile when it has one, <c>redaction_enabled=false</c> (the number is what is reconciled) and
/// <c>page[number]</c>/<c>page[size]</c>, as Telnyx's SDK pages it (the next page while <c>meta.page_number</c> &lt;
/// <c>meta.total_pages</c>). Each item's <c>to</c> is the person, <c>from</c> the sending address, <c>created_at</c> when
/// (Telnyx writes <c>2025-04-28 12:00:38.631252+00:00</c>; RFC 3339 is read too).
/// </summary>
internal sealed class TelnyxOptOutSource(IHttpClientFactory httpClients, ProviderAccountOptions<TelnyxOptions> options, TimeProvider time) : IProviderOptOutSource
{
    public const int PageSize = 250;

    public async Task<ProviderOptOutPage> ReadPageAsync(AccountId account, ProviderOptOutWindow window, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        TelnyxOptions credentials;
        try
        {
            credentials = await options.GetAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new ProviderUnavailableException($"Telnyx's options of account '{account}' are not valid: {e.Message}", e);
        }

        var page = pageToken is null ? 1 : int.Parse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture);
        var query = new List<string>();
        if (credentials.MessagingProfileId is { Length: > 0 } profile)
        {
            query.Add("filter%5Bmessaging_profile_id%5D=" + Uri.EscapeDataString(profile));
        }

        if (window.Since is { } since)
        {
            query.Add("created_at%5Bgte%5D=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
        }

        query.Add("created_at%5Blte%5D=" + Uri.EscapeDataString(window.Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
        query.Add("redaction_enabled=false");
        query.Add("page%5Bnumber%5D=" + page.ToString(CultureInfo.InvariantCulture));
        query.Add("page%5Bsize%5D=" + PageSize.ToString(CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ProviderHttp.Root(credentials.BaseAddress), "v2/messaging_optouts?" + string.Join('&', query)))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", credentials.ApiKey) },
        };
        var policy = new ProviderRetryPolicy(TelnyxProvider.ProviderName, "Telnyx", credentials.RequestTimeout, 1, TimeSpan.Zero);
        using var answer = await ProviderHttp.GetJsonAsync(httpClients.CreateClient(TelnyxSmsTransport.HttpClientName), request, policy, time, cancellationToken).ConfigureAwait(false);
        return Read(answer.RootElement, page);
    }

    private static ProviderOptOutPage Read(JsonElement root, int page)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ProviderUnavailableException("Telnyx's list of opt-outs has no \"data\" array.");
        }

        var optOuts = new List<ProviderOptOut>(data.GetArrayLength());
        foreach (var item in data.EnumerateArray())
        {
            // A number Telnyx redacted, or an item without a time, cannot be reconciled: it is skipped, not guessed.
            if (ProviderNumbers.Find(ProviderJson.Find(item, "to")) is { } number && ReadTime(ProviderJson.Find(item, "created_at")) is { } at)
            {
                optOuts.Add(new ProviderOptOut(number, at)
                {
                    Sender = ProviderNumbers.FindSender(ProviderJson.Find(item, "from"), null), Keyword = ProviderJson.Find(item, "keyword"),
                });
            }
        }

        var totalPages = int.TryParse(ProviderJson.Find(root, "meta", "total_pages"), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : page;
        var pageNumber = int.TryParse(ProviderJson.Find(root, "meta", "page_number"), NumberStyles.None, CultureInfo.InvariantCulture, out var number2) ? number2 : page;
        return new ProviderOptOutPage(optOuts, pageNumber < totalPages && data.GetArrayLength() > 0 ? (pageNumber + 1).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static DateTimeOffset? ReadTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
