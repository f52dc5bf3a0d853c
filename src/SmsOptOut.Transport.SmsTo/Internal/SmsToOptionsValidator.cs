using Microsoft.Extensions.Options;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>Checks <see cref="SmsToOptions"/> at startup (and per account): one message per option, naming the fix.</summary>
internal sealed class SmsToOptionsValidator : IValidateOptions<SmsToOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsToOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("SmsToOptions.ApiKey is empty; copy an API key from SMS.to's dashboard (API Clients).");
        }

        if (options.SenderId is { } sender && (sender.Length is 0 or > 15 || !sender.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or ' ')))
        {
            failures.Add($"SmsToOptions.SenderId '{sender}' must be up to 11 letters and digits, or a phone number.");
        }

        if (options.CallbackSecret is { Length: < 24 })
        {
            failures.Add("SmsToOptions.CallbackSecret must be at least 24 characters (32 random ones recommended): it is all that protects SMS.to's callbacks.");
        }

        failures.AddRange(SigningFailures(options));

        if (options.StatusCallbackUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"SmsToOptions.StatusCallbackUrl '{options.StatusCallbackUrl}' must be absolute, such as https://opt.example/sms/inbound/smsto?secret=….");
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true } || options.ContactsBaseAddress is not { IsAbsoluteUri: true })
        {
            failures.Add("SmsToOptions.BaseAddress and ContactsBaseAddress must be absolute URLs (https://api.sms.to/ and https://sms.to/).");
        }

        failures.AddRange(new ProviderRetryPolicy(SmsToProvider.ProviderName, "SMS.to", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay).Validate(nameof(SmsToOptions)));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The signed-webhook settings: secrets that can verify something, a tolerance that covers SMS.to's retries, a URL secret to fall back on when asked to. Secrets are never quoted.</summary>
    private static IEnumerable<string> SigningFailures(SmsToOptions options)
    {
        var secrets = options.WebhookSigningSecrets ?? [];
        for (var i = 0; i < secrets.Count; i++)
        {
            if (string.IsNullOrEmpty(secrets[i]))
            {
                yield return $"SmsToOptions.WebhookSigningSecrets[{i}] is empty; paste the webhook secret from SMS.to's dashboard, or remove the entry.";
            }
            else if (secrets[i].Trim().Length != secrets[i].Length)
            {
                yield return $"SmsToOptions.WebhookSigningSecrets[{i}] starts or ends with white space, which a copy usually adds: SMS.to signs with the secret exactly.";
            }
        }

        if (options.WebhookSignatureTolerance < TimeSpan.FromMinutes(1) || options.WebhookSignatureTolerance > TimeSpan.FromDays(30))
        {
            yield return $"SmsToOptions.WebhookSignatureTolerance {options.WebhookSignatureTolerance} must be between 1 minute and 30 days; SMS.to retries a callback for hours (default 72 hours).";
        }

        if (options.AcceptUrlSecretWithoutSignature && string.IsNullOrEmpty(options.CallbackSecret))
        {
            yield return "SmsToOptions.AcceptUrlSecretWithoutSignature needs a CallbackSecret: without one an unsigned callback carries nothing to check.";
        }
    }
}
