using Microsoft.Extensions.Options;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Internal;

/// <summary>Checks <see cref="SmsOptOutOptions"/> at startup; each failure names the option and what was expected.</summary>
internal sealed class SmsOptOutOptionsValidator : IValidateOptions<SmsOptOutOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptOutOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultRegion is { } region && !PhoneNumberParser.IsKnownRegion(region))
        {
            failures.Add($"SmsOptOutOptions.DefaultRegion '{region}' is not an ISO 3166-1 region code known to phone numbering; expected for example US, GB or DE, or null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
