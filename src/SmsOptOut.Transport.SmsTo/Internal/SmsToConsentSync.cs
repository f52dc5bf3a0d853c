using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// Pushes opt-outs and opt-ins to SMS.to's contacts: <c>POST /v1/people/contacts/optout</c> and <c>…/optin</c> with
/// <c>{"phone","list_id":[]}</c> — an empty list is SMS.to's global opt-out (the official client intergo/sms.to-php,
/// <c>Module/Contact/Contact.php</c>; https://support.sms.to/support/solutions/articles/43000591961).
/// </summary>
internal sealed class SmsToConsentSync(IHttpClientFactory httpClients, ProviderAccountOptions<SmsToOptions> options, TimeProvider time) : IProviderConsentSync
{
    public async Task<ProviderSyncResult> PushAsync(ProviderConsentPush change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        SmsToOptions o;
        try
        {
            o = await options.GetAsync(change.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return new ProviderSyncResult(ProviderSyncOutcome.Rejected, e.Message);
        }

        if (!o.PushConsentChanges)
        {
            return ProviderSyncResult.Done;
        }

        var path = change.Kind == ConsentKind.OptOut ? "v1/people/contacts/optout" : "v1/people/contacts/optin";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ProviderHttp.Root(o.ContactsBaseAddress), path))
        {
            Content = ProviderHttp.Json(new JsonObject { ["phone"] = change.Number.ToString(), ["list_id"] = new JsonArray() }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey) },
        };
        return await ProviderHttp.PushAsync(httpClients.CreateClient(SmsToSmsTransport.HttpClientName), request,
            new ProviderRetryPolicy(SmsToProvider.ProviderName, "SMS.to", o.RequestTimeout, 1, TimeSpan.Zero), time, cancellationToken).ConfigureAwait(false);
    }
}
