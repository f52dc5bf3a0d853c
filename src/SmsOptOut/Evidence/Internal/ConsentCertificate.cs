using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// A consent certificate (docs/evidence.md, "Certificates"): one event with its evidence and salt, its place in its
/// account's log, the inclusion proof, and the signed checkpoint the proof leads to. Anyone holding the log's public
/// key verifies it offline: rebuild the leaf from the event, walk the proof to the root, compare with the checkpoint,
/// check the checkpoint's signature.
/// </summary>
internal sealed record ConsentCertificate(ConsentEvent Event, byte[] Salt, long LeafIndex, byte[][] InclusionProof, ConsentCheckpoint Checkpoint)
{
    /// <summary>The format tag of the JSON.</summary>
    public const string Format = "smsoptout-consent-certificate/v1";

    private static readonly string[] EventNames = ConsentLeaf.FieldNames[..ConsentLeaf.EventFields];

    private static readonly string[] EvidenceNames = ConsentLeaf.FieldNames[ConsentLeaf.EventFields..];

    /// <summary>Checks the certificate against the public keys (raw Ed25519, by key id); the first failure names what failed.</summary>
    public CertificateCheck Verify(IReadOnlyDictionary<string, byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        if (Event.Account.Value is null || Checkpoint.Origin != ConsentCheckpoint.OriginOf(Event.Account))
        {
            return CertificateCheck.Fail($"the checkpoint's origin '{Checkpoint.Origin}' is not the log of account '{Event.Account.Value}'");
        }

        var leaf = ConsentLeaf.Hash(Event, Salt);
        if (!MerkleTree.VerifyInclusion(leaf, LeafIndex, Checkpoint.TreeSize, InclusionProof, Checkpoint.RootHash))
        {
            return CertificateCheck.Fail($"the event does not lead to the checkpoint's root at leaf {LeafIndex} of {Checkpoint.TreeSize}: the event, its salt or the proof was changed");
        }

        if (!publicKeys.TryGetValue(Checkpoint.KeyId, out var key))
        {
            return CertificateCheck.Fail($"no public key with id '{Checkpoint.KeyId}' was given; known: {string.Join(", ", publicKeys.Keys.Order(StringComparer.Ordinal))}");
        }

        return Checkpoint.IsSignedBy(key)
            ? CertificateCheck.Valid
            : CertificateCheck.Fail($"the checkpoint's signature is not key '{Checkpoint.KeyId}''s: the checkpoint was changed or signed by another key");
    }

    /// <summary>The certificate as JSON (UTF-8, indented).</summary>
    public string ToJson()
    {
        var fields = ConsentLeaf.Fields(Event, Convert.ToHexStringLower(Salt)).Skip(2).ToArray();
        var ev = new JsonObject();
        for (var i = 0; i < EventNames.Length; i++)
        {
            ev[EventNames[i]] = fields[i];
        }

        var evidence = new JsonObject();
        for (var i = 0; i < EvidenceNames.Length; i++)
        {
            evidence[EvidenceNames[i]] = fields[EventNames.Length + i];
        }

        ev["evidence"] = evidence;
        var root = new JsonObject
        {
            ["format"] = Format,
            ["event"] = ev,
            ["salt"] = Convert.ToHexStringLower(Salt),
            ["leaf_index"] = LeafIndex,
            ["inclusion_proof"] = new JsonArray([.. InclusionProof.Select(p => (JsonNode?)Convert.ToBase64String(p))]),
            ["checkpoint"] = Checkpoint.ToJsonObject(),
        };
        return root.ToJsonString(EvidenceJson.Indented);
    }

    /// <summary>Reads a certificate; a malformed one throws <see cref="FormatException"/> naming the field.</summary>
    public static ConsentCertificate Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The certificate is not JSON: {e.Message}", e);
        }

        if (root is not JsonObject || root["format"] is not JsonValue format || !format.TryGetValue<string>(out var text) || text != Format)
        {
            throw new FormatException($"The certificate's format is not '{Format}'.");
        }

        try
        {
            var ev = root["event"] ?? throw new FormatException("The certificate has no 'event'.");
            var evidence = ev["evidence"] ?? throw new FormatException("The certificate's event has no 'evidence'.");
            string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();
            string Required(JsonNode node, string name) => Text(node, name) ?? throw new FormatException($"The certificate's event has no '{name}'.");
            var consentEvent = new ConsentEvent
            {
                EventId = Required(ev, "event_id"),
                Account = new AccountId(Required(ev, "account")),
                Number = PhoneNumber.Parse(Required(ev, "number")),
                Kind = Required(ev, "kind") switch { "opt-out" => ConsentKind.OptOut, "opt-in" => ConsentKind.OptIn, var k => throw new FormatException($"Unknown kind '{k}'.") },
                Source = SourceOf(Required(ev, "source")),
                Scope = Required(ev, "scope") == "list" ? SuppressionScope.List : SuppressionScope.Account,
                List = Text(ev, "list") is { } list ? new ListId(list) : null,
                Campaign = Text(ev, "campaign") is { } campaign ? new CampaignId(campaign) : null,
                OccurredAt = Time(Required(ev, "occurred_at")),
                RecordedAt = Time(Required(ev, "recorded_at")),
                PausedUntil = Text(ev, "paused_until") is { } until ? Time(until) : null,
                Reverts = Text(ev, "reverts"),
                Evidence = new ConsentEvidence
                {
                    MessageText = Text(evidence, "message_text"), ProviderMessageId = Text(evidence, "provider_message_id"), ProviderName = Text(evidence, "provider_name"),
                    ProviderErrorCode = Text(evidence, "provider_error_code"), LinkToken = Text(evidence, "link_token"), UserAgent = Text(evidence, "user_agent"),
                    IpAddress = Text(evidence, "ip_address"), PageUrl = Text(evidence, "page_url"), DisclosureText = Text(evidence, "disclosure_text"), Note = Text(evidence, "note"),
                },
            };
            var checkpoint = root["checkpoint"] ?? throw new FormatException("The certificate has no 'checkpoint'.");
            var saltText = root["salt"]?.GetValue<string>() ?? throw new FormatException("The certificate has no 'salt'.");
            var salt = Convert.FromHexString(saltText);
            RequireAsWritten(consentEvent, salt, saltText, name => Text(EventNames.Contains(name) ? ev : evidence, name));
            return new ConsentCertificate(
                consentEvent,
                salt,
                root["leaf_index"]?.GetValue<long>() ?? throw new FormatException("The certificate has no 'leaf_index'."),
                [.. (root["inclusion_proof"]?.AsArray() ?? throw new FormatException("The certificate has no 'inclusion_proof'.")).Select(p => Convert.FromBase64String(p!.GetValue<string>()))],
                ConsentCheckpoint.FromNode(checkpoint));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or PhoneNumberFormatException)
        {
            throw new FormatException($"The certificate has a field of the wrong shape: {e.Message}", e);
        }
    }

    /// <summary>
    /// Each field as given must be the text the form is built from (docs/evidence.md): the documented algorithm hashes
    /// the given text, so a value read the same but written otherwise ("List", "+1 415 555 2671", an upper-case salt)
    /// is a changed certificate here too, not one this reader quietly puts back into shape.
    /// </summary>
    private static void RequireAsWritten(ConsentEvent consentEvent, byte[] salt, string saltText, Func<string, string?> given)
    {
        var hex = Convert.ToHexStringLower(salt);
        if (saltText != hex)
        {
            throw new FormatException($"The certificate's salt '{saltText}' is not written as the form writes it ('{hex}': lower-case hex): it was changed.");
        }

        var fields = ConsentLeaf.Fields(consentEvent, hex).Skip(2).ToArray();
        var names = ConsentLeaf.FieldNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (given(names[i]) is var text && text != fields[i])
            {
                throw new FormatException($"The certificate's field '{names[i]}' is {Quoted(text)}, which the form writes as {Quoted(fields[i])}: it was changed.");
            }
        }

        static string Quoted(string? text) => text is null ? "null" : $"'{text}'";
    }

    private static OptOutSource SourceOf(string code) => code switch
    {
        "link" => OptOutSource.OptOutLink,
        "keyword" => OptOutSource.Keyword,
        "api" => OptOutSource.Api,
        "import" => OptOutSource.Import,
        "provider" => OptOutSource.ProviderError,
        _ => throw new FormatException($"Unknown source '{code}'."),
    };

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}

/// <summary>The outcome of checking a certificate: valid, or the first thing that failed.</summary>
internal sealed record CertificateCheck(bool IsValid, string? Failure)
{
    public static CertificateCheck Valid { get; } = new(true, null);

    public static CertificateCheck Fail(string failure) => new(false, failure);
}
