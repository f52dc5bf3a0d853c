namespace SmsOptOut.OptIn;

/// <summary>What <see cref="IOptInStore.SaveRequestAsync"/> did with a double opt-in request.</summary>
public enum OptInRequestOutcome
{
    /// <summary>The request was stored (replacing any earlier one); the confirmation text is due.</summary>
    Saved = 1,

    /// <summary>The number has already confirmed a double opt-in; nothing changed and no text is due.</summary>
    AlreadyConfirmed = 2,

    /// <summary>An earlier request of the number is younger than the resend interval; nothing changed and no text is due.</summary>
    RecentlyRequested = 3,
}
