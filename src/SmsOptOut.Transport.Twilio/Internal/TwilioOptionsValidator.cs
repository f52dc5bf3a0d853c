using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Twilio.Internal;

/// <summary>Checks <see cref="TwilioOptions"/> at startup.</summary>
internal sealed partial class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = new List<string>();
        if (!AccountSidPattern().IsMatch(options.AccountSid ?? string.Empty))
        {
            failures.Add("TwilioOptions.AccountSid must be 'AC' followed by 32 hexadecimal characters (see the Twilio Console).");
        }

        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add("TwilioOptions.AuthToken is empty.");
        }

        if (string.IsNullOrEmpty(options.MessagingServiceSid) && string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("TwilioOptions needs a sender: From (an E.164 number such as +14155550100, a short code or an alphanumeric sender ID) or a MessagingServiceSid (MG…).");
        }
        else if (!string.IsNullOrWhiteSpace(options.From) && !SenderAddress.TryParse(options.From, null, out _, out var error))
        {
            failures.Add("TwilioOptions.From: " + SenderAddressFormatException.Describe(options.From, null, error, PhoneNumberParseError.None));
        }

        failures.AddRange(SharedKeyFailures(options.WebhookSharedKeys));

        if (options.BaseAddress is not { IsAbsoluteUri: true })
        {
            failures.Add("TwilioOptions.BaseAddress must be an absolute URL, such as https://api.twilio.com/.");
        }

        failures.AddRange(new ProviderRetryPolicy(TwilioInbound.ProviderName, "Twilio", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay).Validate(nameof(TwilioOptions)));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Each SharedKey id can be named in <c>key=&lt;id&gt;,</c> and each secret is there; secrets are never quoted.</summary>
    private static IEnumerable<string> SharedKeyFailures(IDictionary<string, string>? keys)
    {
        foreach (var (id, secret) in keys ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(id) || id.Any(c => char.IsWhiteSpace(c) || c is ',' or '='))
            {
                yield return $"TwilioOptions.WebhookSharedKeys: the id '{id}' is not a SharedKey id as Twilio's X-Twilio-Webhooks-Signature-Settings header names it (no spaces, commas or '=').";
            }
            else if (string.IsNullOrEmpty(secret))
            {
                yield return $"TwilioOptions.WebhookSharedKeys['{id}'] has no secret; paste the secret Twilio returned when the SharedKey was created.";
            }
            else if (secret.Trim().Length != secret.Length)
            {
                yield return $"TwilioOptions.WebhookSharedKeys['{id}']: the secret starts or ends with white space, which a copy usually adds; Twilio's secret has none.";
            }
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();
}
