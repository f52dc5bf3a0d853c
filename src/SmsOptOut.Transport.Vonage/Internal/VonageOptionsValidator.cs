using Microsoft.Extensions.Options;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>Checks <see cref="VonageOptions"/> at startup (and per account): one message per option, naming the fix.</summary>
internal sealed class VonageOptionsValidator : IValidateOptions<VonageOptions>
{
    private const int MinimumCallbackSecret = 24;
    private static readonly TimeSpan MinimumTolerance = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaximumTolerance = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, VonageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey) || string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            failures.Add("VonageOptions.ApiKey and ApiSecret must both be set; copy them from Vonage's dashboard.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("VonageOptions.From is empty; set a Vonage number (+447700900000) or an alphanumeric sender ID.");
        }

        if (options.SignatureSecret is { Length: 0 })
        {
            failures.Add("VonageOptions.SignatureSecret is empty; copy the signature secret from Vonage's dashboard (API settings), or leave it null.");
        }

        if (!Enum.IsDefined(options.SignatureMethod))
        {
            failures.Add($"VonageOptions.SignatureMethod {(int)options.SignatureMethod} is not a method Vonage offers (Md5Hash, Md5, Sha1, Sha256, Sha512).");
        }

        if (options.SignatureTolerance < MinimumTolerance || options.SignatureTolerance > MaximumTolerance)
        {
            failures.Add($"VonageOptions.SignatureTolerance {options.SignatureTolerance} must be between 24 hours and 7 days: Vonage retries a webhook for 24 hours " +
                "(delivery receipts 72 hours) with the first attempt's timestamp, so a shorter tolerance refuses real opt-outs. Default 72 hours and 5 minutes.");
        }

        switch (options.WebhookAuthentication)
        {
            case VonageWebhookAuthentication.Signature when options.CallbackSecret is not null:
                failures.Add("VonageOptions.CallbackSecret is set but VonageOptions.WebhookAuthentication is Signature: set WebhookAuthentication = UrlSecret " +
                    "to accept unsigned webhooks whose URL carries it, or remove CallbackSecret.");
                break;
            case VonageWebhookAuthentication.UrlSecret when options.CallbackSecret is not { Length: >= MinimumCallbackSecret }:
                failures.Add($"VonageOptions.CallbackSecret must be at least {MinimumCallbackSecret} characters (32 random ones recommended) when " +
                    "VonageOptions.WebhookAuthentication is UrlSecret: it is all that protects unsigned webhooks.");
                break;
            case VonageWebhookAuthentication.Signature or VonageWebhookAuthentication.UrlSecret:
                break;
            default:
                failures.Add($"VonageOptions.WebhookAuthentication {(int)options.WebhookAuthentication} is not a mode (Signature, UrlSecret).");
                break;
        }

        if (options.StatusCallbackUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"VonageOptions.StatusCallbackUrl '{options.StatusCallbackUrl}' must be absolute, such as https://opt.example/sms/inbound/vonage.");
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true })
        {
            failures.Add("VonageOptions.BaseAddress must be an absolute URL, such as https://rest.nexmo.com/.");
        }

        failures.AddRange(new ProviderRetryPolicy(VonageProvider.ProviderName, "Vonage", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay).Validate(nameof(VonageOptions)));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
