using SmsOptOut.Consent;

namespace SmsOptOut.Accounts;

/// <summary>An account's settings do not validate: that account's operations fail with this, the others go on.</summary>
public sealed class AccountSettingsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="account">The account.</param>
    /// <param name="failures">Each failure, naming the setting and what was expected.</param>
    public AccountSettingsException(AccountId account, IReadOnlyList<string> failures)
        : base($"The settings of account '{account.Value}' are invalid: {string.Join("; ", failures ?? [])}")
    {
        ArgumentNullException.ThrowIfNull(failures);
        Account = account;
        Failures = failures;
    }

    /// <summary>The account.</summary>
    public AccountId Account { get; }

    /// <summary>Each failure.</summary>
    public IReadOnlyList<string> Failures { get; }
}
