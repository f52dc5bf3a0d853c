namespace SmsOptOut.Transport.Plivo;

/// <summary>
/// Plivo credentials and settings, set through <c>AddPlivo(o => …)</c>; per account with
/// <c>UseProviderOptions&lt;PlivoOptions&gt;(…)</c> when tenants bring their own Plivo (sub)accounts.
/// </summary>
public sealed class PlivoOptions
{
    /// <summary>The Auth ID from Plivo's console (<c>MA…</c> or a subaccount's <c>SA…</c>).</summary>
    public string AuthId { get; set; } = string.Empty;

    /// <summary>
    /// The Auth Token paired with <see cref="AuthId"/>: it authenticates sends and verifies the webhook signatures Plivo
    /// keys with the account's own token, <c>X-Plivo-Signature-V3</c> and <c>X-Plivo-Signature-V2</c>.
    /// </summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>
    /// For a subaccount (<see cref="AuthId"/> <c>SA…</c>): the Auth Token of its main account, from the main account's
    /// console overview. Plivo keys <c>X-Plivo-Signature-Ma-V3</c> and <c>X-Plivo-Signature-Ma-V2</c> with it; it never
    /// authenticates sends. <see langword="null"/> (default) when <see cref="AuthId"/> is the main account: those headers
    /// are then verified with <see cref="AuthToken"/>.
    /// </summary>
    public string? MainAccountAuthToken { get; set; }

    /// <summary>The sending number (E.164) or sender ID (<c>src</c>); may be omitted when <see cref="PowerpackUuid"/> picks one.</summary>
    public string? From { get; set; }

    /// <summary>The Powerpack whose number pool sends the messages (<c>powerpack_uuid</c>), instead of <see cref="From"/>.</summary>
    public string? PowerpackUuid { get; set; }

    /// <summary>
    /// Where Plivo reports each sent message's status (<c>url</c>): a message that failed with error 200 (the recipient
    /// replied STOP) is recorded as an opt-out. <see langword="null"/> (default) asks for no status reports.
    /// </summary>
    public Uri? StatusCallbackUrl { get; set; }

    /// <summary>
    /// How long a verified webhook's nonce (<c>X-Plivo-Signature-V2-Nonce</c> or <c>X-Plivo-Signature-V3-Nonce</c>) is
    /// remembered, so the same signed request is refused as a replay. Plivo signs no timestamp, so this is the only bound
    /// on a replay. At least Plivo's retry window (its three retries come 60, 120 and 240 seconds apart: 7 minutes);
    /// default one hour, that window with a wide margin. A longer window keeps more nonces in the replay guard.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where Plivo's API lives. Change it only for tests.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.plivo.com/");

    /// <summary>How long one API call may take before its outcome is reported as unknown. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per message, counting the first, for answers that prove nothing was created (429, 503 with Retry-After, a refused connection). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between attempts; a Retry-After beyond it fails the message instead. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
