namespace SmsOptOut.Links;

/// <summary>How opt-out link tokens are made.</summary>
public enum OptOutLinkMode
{
    /// <summary>
    /// The default and the shortest: a random base62 code (10 characters by default) whose target is kept in the
    /// store. Issuing tokens for a list is one write per batch.
    /// </summary>
    Stored = 1,

    /// <summary>
    /// No write on the send path: the token carries its target, encrypted and authenticated with a key from
    /// <see cref="OptOutLinkOptions.SigningKeys"/>. Longer (see the docs for its length).
    /// </summary>
    Stateless = 2,
}
