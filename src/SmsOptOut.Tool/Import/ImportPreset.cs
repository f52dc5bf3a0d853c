using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>
/// The columns of a provider's export: which holds the person who opted out, when, and which rows are opt-outs at all.
/// Each preset names its source; where a provider documents no export, the preset says so and is built on what it
/// does document (its API's fields), as <see cref="Basis"/> states.
/// </summary>
/// <param name="Name">The <c>--preset</c> value.</param>
/// <param name="Title">What the file is, in words.</param>
/// <param name="Source">The page the column names come from.</param>
/// <param name="Basis">How the preset relates to that page: "documented export" or what it is inferred from.</param>
/// <param name="Columns">Field → the column names it is read from, the first present one winning.</param>
internal sealed record ImportPreset(string Name, string Title, string Source, string Basis, IReadOnlyDictionary<string, string[]> Columns)
{
    /// <summary>Rows kept only when one of these columns holds one of these values (case ignored); others are skipped with <see cref="RowFilter.Reason"/>.</summary>
    public IReadOnlyList<RowFilter> Filters { get; init; } = [];

    /// <summary>The column whose text must be an opt-out keyword (STOP, UNSUBSCRIBE, …) for the row to be an opt-out; none when <see langword="null"/>.</summary>
    public string[]? KeywordColumn { get; init; }

    /// <summary>Columns of this export that hold the account's own sending numbers, never the person's: named in the preview.</summary>
    public string[] OwnNumberColumns { get; init; } = [];

    /// <summary>The export writes international numbers without their +, as its API documents them (Vonage's msisdn, Plivo's numbers): one is added to digits-only numbers.</summary>
    public bool NumbersWithoutPlus { get; init; }

    /// <summary>The columns that recognise this export (all must be present) when no preset is given: the ambiguity message suggests it.</summary>
    public string[] Signature { get; init; } = [];

    /// <summary>The presets, by name.</summary>
    public static IReadOnlyList<ImportPreset> All { get; } =
    [
        // Twilio's Message resource (https://www.twilio.com/docs/messaging/api/message-resource): from, to, body, direction
        // (inbound, outbound-api, outbound-call, outbound-reply), date_sent, date_created. BulkExport day files use the same
        // names in JSON Lines (https://www.twilio.com/docs/usage/bulkexport/day). The Console's "Export to CSV" of the
        // message logs titles them From, To, Body, Status, SentDate, Direction, … — those titles are not documented on a
        // page we could find; they are taken from a real export (issue 35). On an inbound message the person is From.
        new("twilio-log", "Twilio message log (Console CSV or BulkExport): inbound STOP replies",
            "https://www.twilio.com/docs/messaging/api/message-resource",
            "documented API fields (from, to, body, direction, date_sent, date_created); the Console CSV titles are not documented and are matched as seen in real exports",
            new Dictionary<string, string[]>
            {
                ["number"] = ["From"],
                ["occurred"] = ["SentDate", "DateSent", "Date Sent", "Date Created", "DateCreated"],
                ["note"] = ["Body"],
            })
        {
            Filters = [new RowFilter(["Direction"], ["inbound"], "not an inbound message")],
            KeywordColumn = ["Body"],
            OwnNumberColumns = ["To"],
            Signature = ["From", "To", "Body", "Direction"],
        },

        // Twilio documents no download of its opt-out list. What it documents about consent is the Consent Management
        // API's Bulk Upsert Consents item (https://www.twilio.com/docs/messaging/features/bulk-upsert-consents-api):
        // contact_id (E.164), correlation_id, sender_id, status (opt-in | opt-out), source (website, offline,
        // opt-in-message, opt-out-message, others), date_of_consent (ISO 8601). An export of opt-outs in that shape
        // imports with this preset; only status opt-out rows are opt-outs.
        new("twilio-optouts", "Twilio consent records (Consent Management API items: contact_id, status, date_of_consent)",
            "https://www.twilio.com/docs/messaging/features/bulk-upsert-consents-api",
            "inferred: Twilio documents no opt-out export; built on the documented consent item of its Consent Management API",
            new Dictionary<string, string[]>
            {
                ["number"] = ["contact_id"],
                ["occurred"] = ["date_of_consent"],
                ["source"] = ["source"],
            })
        {
            Filters = [new RowFilter(["status"], ["opt-out", "optout", "opt out"], "its status is not opt-out")],
            OwnNumberColumns = ["sender_id"],
            Signature = ["contact_id", "status"],
        },

        // SMS.to documents its opt-out callback (https://support.sms.to/support/solutions/articles/43000615117):
        // unsubscribed_number, timestamp, source. Its dashboard's exports have no documented columns; a file of those
        // callbacks, or one exported with these names, imports with this preset.
        new("smsto", "SMS.to opt-outs (the fields of its opt-out callback: unsubscribed_number, timestamp, source)",
            "https://support.sms.to/support/solutions/articles/43000615117",
            "inferred: SMS.to documents no export columns; built on its documented opt-out callback fields",
            new Dictionary<string, string[]>
            {
                ["number"] = ["unsubscribed_number"],
                ["occurred"] = ["timestamp"],
                ["source"] = ["source"],
            })
        {
            Signature = ["unsubscribed_number"],
        },

        // Telnyx "List opt-outs" (GET /v2/messaging_optouts): each item's "to" is the number that opted out of messages
        // from "from"; "keyword" is the word that triggered it; "created_at" when.
        new("telnyx", "Telnyx List opt-outs items (to, from, created_at, keyword)",
            "https://developers.telnyx.com/api-reference/opt-out-management/list-opt-outs",
            "documented export (the List opt-outs items)",
            new Dictionary<string, string[]>
            {
                ["number"] = ["to"],
                ["occurred"] = ["created_at"],
                ["note"] = ["keyword"],
            })
        {
            OwnNumberColumns = ["from"],
            Signature = ["to", "from", "messaging_profile_id"],
        },

        // Plivo documents no opt-out list export. Its Message Detail Records (https://www.plivo.com/docs/messaging/api/messages/)
        // have from_number, to_number, message_direction (inbound | outbound), message_time, error_code; a message to a
        // recipient who replied STOP fails with error 200 (https://support.plivo.com/support/solutions/articles/17000089602).
        // So the opt-outs in an MDR export are its outbound rows with error_code 200, the person being to_number.
        new("plivo", "Plivo message detail records: outbound messages refused with error 200 (the recipient replied STOP)",
            "https://www.plivo.com/docs/messaging/api/messages/",
            "inferred: Plivo documents no opt-out export; built on its documented MDR fields and error 200",
            new Dictionary<string, string[]>
            {
                ["number"] = ["to_number"],
                ["occurred"] = ["message_time"],
            })
        {
            Filters =
            [
                new RowFilter(["message_direction"], ["outbound"], "not an outbound message"),
                new RowFilter(["error_code"], ["200"], "its error code is not 200 (opted out)"),
            ],
            OwnNumberColumns = ["from_number"],
            NumbersWithoutPlus = true,
            Signature = ["from_number", "to_number", "message_direction"],
        },

        // Vonage documents no opt-out list export. Its SMS API delivery receipts (https://developer.vonage.com/en/api/sms#delivery-receipt)
        // carry msisdn (the recipient), to (your sender), err-code and message-timestamp; err-code 9 means the recipient
        // opted out (https://developer.vonage.com/en/opt-out-assist/guides/messaging-opted-out-numbers). A file of those
        // receipts imports with this preset; only err-code 9 rows are opt-outs.
        new("vonage", "Vonage SMS API delivery receipts with err-code 9 (the recipient opted out)",
            "https://developer.vonage.com/en/api/sms#delivery-receipt",
            "inferred: Vonage documents no opt-out export; built on its documented delivery receipt fields and err-code 9",
            new Dictionary<string, string[]>
            {
                ["number"] = ["msisdn"],
                ["occurred"] = ["message-timestamp", "scts"],
            })
        {
            Filters = [new RowFilter(["err-code"], ["9"], "its err-code is not 9 (opted out)")],
            OwnNumberColumns = ["to"],
            NumbersWithoutPlus = true,
            Signature = ["msisdn", "err-code"],
        },

        // AWS End User Messaging SMS DescribeOptedOutNumbers: OptedOutNumbersInformation items
        // (https://docs.aws.amazon.com/sms-voice/latest/APIReference/API_OptedOutNumberInformation.html).
        new("aws", "AWS End User Messaging DescribeOptedOutNumbers items (OptedOutNumber, OptedOutTimestamp)",
            "https://docs.aws.amazon.com/sms-voice/latest/APIReference/API_OptedOutNumberInformation.html",
            "documented export (the DescribeOptedOutNumbers items)",
            new Dictionary<string, string[]>
            {
                ["number"] = ["OptedOutNumber"],
                ["occurred"] = ["OptedOutTimestamp"],
            })
        {
            Signature = ["OptedOutNumber"],
        },
    ];

    public static ImportPreset Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ToolException($"--preset '{name}' is not a preset; expected one of: {string.Join(", ", All.Select(p => p.Name))}.");

    /// <summary>The preset whose signature columns the file has, if exactly one.</summary>
    public static ImportPreset? Recognise(IReadOnlyList<string> columns)
    {
        var matches = All.Where(p => p.Signature.Length > 0 && p.Signature.All(s => columns.Any(c => ColumnMap.Normalize(c) == ColumnMap.Normalize(s)))).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}

/// <summary>A row is kept only when one of <paramref name="Columns"/> (the first present) holds one of <paramref name="Values"/>.</summary>
internal sealed record RowFilter(string[] Columns, string[] Values, string Reason);
