namespace SmsOptOut.Suppression;

/// <summary>What applying a consent event did.</summary>
public enum ConsentApplyStatus
{
    /// <summary>The event was recorded and changed the suppression state; its outbox messages were written with it.</summary>
    Applied = 1,

    /// <summary>
    /// The number was already in the requested state for that scope (an opt-out of a suppressed number, an opt-in of a
    /// number that is not suppressed). Nothing was recorded, nothing is owed.
    /// </summary>
    AlreadyInState = 2,

    /// <summary>An event with the same id was already recorded for the account. Nothing changed.</summary>
    Duplicate = 3,
}
