using SmsOptOut.Consent;

namespace SmsOptOut.Preferences;

/// <summary>One list of an account as the preference center shows it.</summary>
/// <param name="Id">The list's id, as list sends and list-scoped opt-outs name it.</param>
/// <param name="Name">Its name for people, for example "Weekly offers" (HTML-encoded when shown; at most 100 characters are shown).</param>
public sealed record PreferenceList(ListId Id, string Name);
