using Microsoft.Extensions.Options;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>Checks <see cref="VonageOptions"/> at startup (and per account): one message per option, naming the fix.</summary>
internal sealed class VonageOptionsValidator : IValidateOptions<VonageOptions>
{
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
            failures.Add($"VonageOptions.SignatureMethod {(int)options.SignatureMethod} is not a method Vonage offers (Sha256, Sha512, Sha1, Md5, Md5Hash).");
        }

        if (options.SignatureTolerance <= TimeSpan.Zero || options.SignatureTolerance > TimeSpan.FromHours(1))
        {
            failures.Add($"VonageOptions.SignatureTolerance {options.SignatureTolerance} must be positive and at most an hour.");
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
