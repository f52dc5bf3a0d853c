using Microsoft.Extensions.Options;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>Checks <see cref="TelnyxOptions"/> at startup (and per account): one message per option, naming the fix.</summary>
internal sealed class TelnyxOptionsValidator : IValidateOptions<TelnyxOptions>
{
    public ValidateOptionsResult Validate(string? name, TelnyxOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("TelnyxOptions.ApiKey is empty; create an API key in Telnyx's portal (API Keys).");
        }

        if (string.IsNullOrWhiteSpace(options.From) && string.IsNullOrWhiteSpace(options.MessagingProfileId))
        {
            failures.Add("TelnyxOptions needs a sender: From (an E.164 number or a sender ID) or a MessagingProfileId with a number pool.");
        }

        if (options.PublicKey is { } key && !TelnyxSignature.TryImportKey(key, out _))
        {
            failures.Add("TelnyxOptions.PublicKey must be the base64 Ed25519 public key from Telnyx's portal (32 bytes, or the 44-byte SPKI form).");
        }

        if (options.SignatureTolerance <= TimeSpan.Zero || options.SignatureTolerance > TimeSpan.FromHours(1))
        {
            failures.Add($"TelnyxOptions.SignatureTolerance {options.SignatureTolerance} must be positive and at most an hour.");
        }

        if (options.WebhookUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"TelnyxOptions.WebhookUrl '{options.WebhookUrl}' must be absolute, such as https://opt.example/sms/inbound/telnyx.");
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true })
        {
            failures.Add("TelnyxOptions.BaseAddress must be an absolute URL, such as https://api.telnyx.com/.");
        }

        failures.AddRange(new ProviderRetryPolicy(TelnyxProvider.ProviderName, "Telnyx", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay).Validate(nameof(TelnyxOptions)));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
