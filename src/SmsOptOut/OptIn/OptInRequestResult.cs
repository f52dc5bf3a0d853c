namespace SmsOptOut.OptIn;

/// <summary>What <see cref="IOptInService.RequestOptInAsync"/> did.</summary>
/// <param name="Outcome">Whether the request was stored, or why not.</param>
public sealed record OptInRequestResult(OptInRequestOutcome Outcome)
{
    /// <summary>Until when a YES confirms the request (when stored).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The confirmation text, as rendered for the account (when stored).</summary>
    public string? ConfirmationText { get; init; }

    /// <summary>Whether the transport accepted the confirmation text. When it did not, the request stays pending and may be repeated after <c>ResendAfter</c>.</summary>
    public bool Sent { get; init; }

    /// <summary>The transport's error, when the text was not sent.</summary>
    public string? Error { get; init; }
}
