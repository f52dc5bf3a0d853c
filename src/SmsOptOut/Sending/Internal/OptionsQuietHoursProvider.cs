using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Sending.Internal;

/// <summary>The default: <c>SmsOptOutOptions.Sending.QuietHours</c> for every account.</summary>
internal sealed class OptionsQuietHoursProvider(IOptions<SmsOptOutOptions> options) : IQuietHoursProvider
{
    public ValueTask<IReadOnlyList<QuietHoursRule>> GetRulesAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<QuietHoursRule>>([.. options.Value.Sending.QuietHours]);
}
