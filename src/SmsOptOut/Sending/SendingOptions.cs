namespace SmsOptOut.Sending;

/// <summary>List and single sends, at <c>SmsOptOutOptions.Sending</c>.</summary>
public sealed class SendingOptions
{
    /// <summary>The default <see cref="OptOutInstructionPattern"/>: "Reply STOP", "Text STOP to …", "txt ARRET", "Reply UNSUBSCRIBE" …</summary>
    public const string DefaultOptOutInstructionPattern =
        @"(?i)\b(reply|text|txt|send|sms|respond|antworte|répondez|repondez|responde)\b[^.!?\n]{0,24}?\b(stop|stopp|arr[eê]t|baja|unsubscribe|unsub|cancel|end|quit)\b";

    /// <summary>
    /// The purpose of a send that names none: <see cref="MessagePurpose.Marketing"/> by default, so a send without a purpose
    /// is held to every rule. A host that sends mostly receipts may say <see cref="MessagePurpose.Transactional"/> and name
    /// its marketing sends.
    /// </summary>
    public MessagePurpose DefaultPurpose { get; set; } = MessagePurpose.Marketing;

    /// <summary>
    /// The rules each purpose is bound by, beyond suppression (which binds all). Defaults (see docs/sending.md for the
    /// sources): marketing — every rule; informational and transactional —
    /// none. Compliance profiles add what their law attaches (US: sender identification with a
    /// telephone number or address in marketing, 47 CFR 64.1200(d)(4); EU/UK: identification and a way to object in
    /// marketing, ePrivacy Art. 13(4); Canada: both in marketing and transactional messages, CASL s. 6(2) with s. 6(6)). Change an entry to be stricter.
    /// </summary>
    public IDictionary<MessagePurpose, SendRules> PurposeRules { get; } = new Dictionary<MessagePurpose, SendRules>
    {
        [MessagePurpose.Marketing] = SendRules.All,
        [MessagePurpose.Informational] = SendRules.None,
        [MessagePurpose.Transactional] = SendRules.None,
    };

    /// <summary>Whether list messages must offer a way to opt out: <see cref="OptOutPolicy.Warn"/> by default.</summary>
    public OptOutPolicy OptOutPolicy { get; set; } = OptOutPolicy.Warn;

    /// <summary>Whether list messages must identify their sender: <see cref="SenderIdentificationPolicy.Warn"/> by default.</summary>
    public SenderIdentificationPolicy SenderIdentificationPolicy { get; set; } = SenderIdentificationPolicy.Warn;

    /// <summary>
    /// When messages may reach recipients, in their local time or on the clock a rule names: every rule that covers a
    /// number applies, so the strictest binds (empty, the default: no restriction). Presets:
    /// <see cref="QuietHoursRule.UnitedStatesFederal"/> and every state's in <see cref="QuietHoursRule.UnitedStatesStates"/>
    /// (Connecticut, New York, Virginia, South Carolina, Mississippi, Florida, Oklahoma, Maryland, Oregon, Texas).
    /// </summary>
    public IList<QuietHoursRule> QuietHours { get; } = [];

    /// <summary>
    /// How many messages a recipient may get in a rolling window (none by default), counted in the store across
    /// instances; recipients at a cap are skipped and reported. Presets, each for its state's numbers:
    /// <see cref="FrequencyCap.UnitedStatesStates"/> (Florida, Oklahoma, Maryland, Oregon).
    /// </summary>
    public IList<FrequencyCap> FrequencyCaps { get; } = [];

    /// <summary>
    /// Whether recipients deferred by <see cref="QuietHours"/> are held in the store and sent by the scheduler once their
    /// hours allow (default off: they are only reported, with the earliest instant, for the caller to send later). Every
    /// rule is checked again when a held message is sent: an opt-out in the meantime is honoured.
    /// </summary>
    public bool HoldDeferred { get; set; }

    /// <summary>How often the scheduler looks for held messages that are due: every minute by default.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The sender identity of every account, unless an <see cref="ISenderIdentityProvider"/> supplies one per account.</summary>
    public SenderIdentity SenderIdentity { get; } = new();

    /// <summary>A regular expression that recognises an opt-out instruction in a message, for <see cref="OptOutPolicy"/>.</summary>
    public string OptOutInstructionPattern { get; set; } = DefaultOptOutInstructionPattern;

    /// <summary>
    /// Recipients checked, issued links and sent per batch (default 500). Suppression is checked at the start of each
    /// batch, so an opt-out recorded during a send stops every message of later batches; at most one batch may already
    /// be past its check.
    /// </summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Messages handed to the transport at once. Default 16.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>The most messages per second, or <see langword="null"/> for no limit (the default).</summary>
    public double? MessagesPerSecond { get; set; }

    /// <summary>
    /// Drop repeated numbers in a list (default on; costs about 17 bytes per distinct recipient for the length of the
    /// send). Turn off only when the recipients are already distinct, for memory that stays flat however long the list.
    /// </summary>
    public bool DeduplicateRecipients { get; set; } = true;
}
