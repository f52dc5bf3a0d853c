using SmsOptOut.Accounts;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// Finds the account an inbound message belongs to from <see cref="SmsOptOutEndpointOptions"/>, else from the accounts'
/// settings (<see cref="AccountSettings.InboundAddresses"/>). The number it was sent to decides; an account a request names itself (in its URL, or the JSON endpoint's <c>account</c>) is accepted only
/// when it is that account or one the host says exists, so a caller can never create an account by naming it.
/// </summary>
internal sealed class InboundAccounts(SmsOptOutEndpointOptions options, IAccountSettingsResolver? settings = null) : IInboundAccountResolver
{
    private readonly IAccountSettingsResolver? _settings = settings is { HasAccounts: true } ? settings : null;

    public bool CanResolve => options.ResolveInboundAccount is not null || options.InboundAccount is not null || _settings is not null;

    /// <summary>Whether a request may name its account instead (it is then checked with <see cref="SmsOptOutEndpointOptions.IsKnownAccount"/>).</summary>
    public bool CanAcceptNamed => CanResolve || options.IsKnownAccount is not null;

    /// <summary>The account of <paramref name="recipient"/> by <see cref="SmsOptOutEndpointOptions.ResolveInboundAccount"/> when set, else <see cref="SmsOptOutEndpointOptions.InboundAccount"/>.</summary>
    public async ValueTask<AccountId?> ResolveAsync(SenderAddress? recipient, CancellationToken cancellationToken = default)
    {
        if (recipient is not { } to)
        {
            return options.InboundAccount;
        }

        if (options.ResolveInboundAccount is { } resolve)
        {
            return await resolve(to, cancellationToken).ConfigureAwait(false);
        }

        return (_settings is null ? null : await _settings.FindAccountAsync(to, cancellationToken).ConfigureAwait(false)) ?? options.InboundAccount;
    }

    public async ValueTask<bool> IsKnownAsync(AccountId account, CancellationToken cancellationToken = default) =>
        account == options.InboundAccount
        || (options.IsKnownAccount is { } known ? await known(account, cancellationToken).ConfigureAwait(false)
            : _settings is not null && await IsConfiguredAsync(_settings, account, cancellationToken).ConfigureAwait(false));

    /// <summary>Whether the account has settings of its own; one whose settings are invalid exists too (its operations then fail with the reason).</summary>
    private static async ValueTask<bool> IsConfiguredAsync(IAccountSettingsResolver settings, AccountId account, CancellationToken cancellationToken)
    {
        try
        {
            return (await settings.GetAsync(account, cancellationToken).ConfigureAwait(false)).IsConfigured;
        }
        catch (AccountSettingsException)
        {
            return true;
        }
    }

    /// <summary>The account of a message sent to <paramref name="to"/> that names <paramref name="named"/>; <see langword="null"/> when the host knows no such account.</summary>
    public async ValueTask<AccountId?> ResolveAsync(SenderAddress to, AccountId? named, CancellationToken cancellationToken)
    {
        var byNumber = await ResolveAsync(to, cancellationToken).ConfigureAwait(false);
        if (named is not { } account || byNumber == account)
        {
            return byNumber;
        }

        return await IsKnownAsync(account, cancellationToken).ConfigureAwait(false) ? account : null;
    }
}
