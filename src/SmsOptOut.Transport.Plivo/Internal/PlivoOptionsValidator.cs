using Microsoft.Extensions.Options;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>Checks <see cref="PlivoOptions"/> at startup (and per account): one message per option, naming the fix.</summary>
internal sealed class PlivoOptionsValidator : IValidateOptions<PlivoOptions>
{
    public ValidateOptionsResult Validate(string? name, PlivoOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AuthId) || !options.AuthId.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"PlivoOptions.AuthId '{options.AuthId}' must be the Auth ID from Plivo's console (letters and digits, such as MAXXXXXXXXXXXXXXXXXX).");
        }

        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add("PlivoOptions.AuthToken is empty; copy it from Plivo's console, next to the Auth ID.");
        }

        if (options.MainAccountAuthToken is { } main)
        {
            if (string.IsNullOrWhiteSpace(main))
            {
                failures.Add("PlivoOptions.MainAccountAuthToken is empty; copy the main account's Auth Token from its console overview, or leave it unset (null) when AuthId is the main account.");
            }
            else if (options.AuthId.StartsWith("MA", StringComparison.Ordinal) && main != options.AuthToken)
            {
                failures.Add($"PlivoOptions.MainAccountAuthToken is set, but AuthId '{options.AuthId}' is a main account, whose own AuthToken signs the Ma- headers; leave MainAccountAuthToken unset, or set AuthId and AuthToken to the subaccount's (SA…).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.From) && string.IsNullOrWhiteSpace(options.PowerpackUuid))
        {
            failures.Add("PlivoOptions needs a sender: From (an E.164 number or a sender ID) or a PowerpackUuid.");
        }

        if (options.StatusCallbackUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"PlivoOptions.StatusCallbackUrl '{options.StatusCallbackUrl}' must be absolute, such as https://opt.example/sms/inbound/plivo.");
        }

        if (options.ReplayWindow < PlivoProvider.RetryWindow)
        {
            failures.Add($"PlivoOptions.ReplayWindow {options.ReplayWindow} must be at least {PlivoProvider.RetryWindow}, Plivo's retry window (three retries, 60, 120 and 240 seconds apart), so a nonce is remembered while Plivo may still send it; the default is one hour.");
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true })
        {
            failures.Add("PlivoOptions.BaseAddress must be an absolute URL, such as https://api.plivo.com/.");
        }

        failures.AddRange(new ProviderRetryPolicy(PlivoProvider.ProviderName, "Plivo", options.RequestTimeout, options.MaxAttempts, options.MaxRetryDelay).Validate(nameof(PlivoOptions)));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
