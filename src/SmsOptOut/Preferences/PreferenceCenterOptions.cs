namespace SmsOptOut.Preferences;

/// <summary>
/// The preference center of the landing page (docs/landing-page.md): instead of the one-button page, a recipient sees
/// "Unsubscribe from everything" first, the account's lists they are on to leave one by one, and a pause of every
/// message for a period the account allows. Off by default; set per account through its settings
/// (<c>SmsOptOut:Accounts:&lt;id&gt;:PreferenceCenter</c>) or for every account here.
/// </summary>
public sealed class PreferenceCenterOptions
{
    /// <summary>The most pause periods an account may offer.</summary>
    public const int MaxPauseDurations = 4;

    /// <summary>Whether the landing page shows the preference center. Default <see langword="false"/>: the plain one-button page.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The periods a recipient may pause every message for (each 1 day to 1 year, at most <see cref="MaxPauseDurations"/>,
    /// distinct), for example 30 and 90 days; none offers no pause. A pause is never offered in place of the full opt-out,
    /// which stays the first action; it needs a storage that keeps pauses.
    /// </summary>
    public IList<TimeSpan> PauseDurations { get; } = [];

    /// <summary>How often the pauses whose time has run out are ended (each becomes an opt-in event). Default 1 minute; 1 second to 1 hour.</summary>
    public TimeSpan PauseCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
