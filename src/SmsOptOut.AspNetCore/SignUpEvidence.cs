using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;

namespace SmsOptOut.AspNetCore;

/// <summary>The evidence of a sign-up made through a web form, for <c>IOptInService.RequestOptInAsync</c>.</summary>
public static class SignUpEvidence
{
    /// <summary>
    /// Evidence from the request that submitted a sign-up form: the page that showed the form (the <c>Referer</c>, else
    /// the request's own URL), the client address (as forwarded-header middleware set it), the user agent, and the exact
    /// disclosure text the page showed beside the checkbox — what the TCPA asks a sender to prove.
    /// </summary>
    /// <param name="context">The form's POST request.</param>
    /// <param name="disclosureText">The consent disclosure shown to the person, word for word.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="ArgumentException">The disclosure text is empty or longer than 4,000 characters.</exception>
    public static ConsentEvidence FromRequest(HttpContext context, string disclosureText)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(disclosureText) || disclosureText.Length > 4_000)
        {
            throw new ArgumentException("The disclosure text must be the 1 to 4,000 characters the form showed beside its consent checkbox.", nameof(disclosureText));
        }

        var page = Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) ? referer.ToString() : context.Request.GetDisplayUrl();
        return new ConsentEvidence
        {
            PageUrl = page[..Math.Min(page.Length, ClientEvidence.MaxUrlLength)],
            IpAddress = ClientEvidence.IpAddress(context),
            UserAgent = ClientEvidence.UserAgent(context),
            DisclosureText = disclosureText,
        };
    }
}
