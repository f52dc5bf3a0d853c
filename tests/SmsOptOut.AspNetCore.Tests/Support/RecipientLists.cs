using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Preferences;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>
/// The host's side of the preference center, as a CRM would supply it: acme's recipients are on its weekly news, its
/// offers and its store events; a name with markup shows it is encoded.
/// </summary>
internal sealed class RecipientLists : IPreferenceListProvider
{
    public static readonly PreferenceList News = new(new ListId("news"), "Weekly news");
    public static readonly PreferenceList Offers = new(new ListId("offers"), "Offers & <deals>");
    public static readonly PreferenceList Events = new(new ListId("events"), "Store events");

    public ValueTask<IReadOnlyList<PreferenceList>> GetListsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PreferenceList>>(account == Tenants.Acme ? [News, Offers, Events] : []);
}
