using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Keywords.Internal;

/// <summary>The default: the same keyword options, from <c>SmsOptOutOptions.Keywords</c>, for every account.</summary>
internal sealed class OptionsKeywordProvider(IOptions<SmsOptOutOptions> options) : IKeywordOptionsProvider
{
    public ValueTask<KeywordOptions> GetOptionsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(options.Value.Keywords);
}
