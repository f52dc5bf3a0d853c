using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Preferences;

/// <summary>
/// The lists each recipient is on, as a CRM would answer from its own data: what the preference center of an account
/// that turns it on (acme, in appsettings.json) offers to leave one by one. Here every acme recipient is on two lists.
/// </summary>
internal sealed class DemoLists : IPreferenceListProvider
{
    public ValueTask<IReadOnlyList<PreferenceList>> GetListsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PreferenceList>>(account.Value == "acme"
            ? [new(new ListId("deals"), "Weekly deals"), new(new ListId("trail-news"), "Trail news")]
            : []);
}
