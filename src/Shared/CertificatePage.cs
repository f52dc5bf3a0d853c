using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SmsOptOut.Evidence;

namespace SmsOptOut.Internal;

/// <summary>
/// A consent certificate (docs/evidence.md, "Certificates") for people: one self-contained HTML document — no script, no
/// external request, its inline style allowed by hash in its own Content-Security-Policy — showing the event and its evidence, the checkpoint, the inclusion
/// proof, the verification the dashboard made with the configured public keys, how to verify it offline, and the
/// certificate's exact JSON, so the page alone (saved, printed, mailed) is enough. Every value is HTML-encoded. Shared
/// source: the dashboard serves it (GET /numbers/certificate), the tool writes it (<c>smsoptout certificate --html</c>).
/// </summary>
internal static class CertificatePage
{
    /// <summary>The page's only style, inline: a server allows it by its hash in the Content-Security-Policy.</summary>
    public const string Style =
        "body{font:0.95rem/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}" +
        "main{max-width:60rem;margin:1.5rem auto;padding:0 1.5rem}h1{font-size:1.35rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e5e8;vertical-align:top}th{width:14rem;font-weight:600}" +
        "code,pre{font-size:.85rem;word-break:break-all;white-space:pre-wrap}pre{background:#f6f7f9;border:1px solid #e3e5e8;border-radius:.35rem;padding:.75rem}" +
        ".result{border-radius:.5rem;padding:.75rem 1rem;font-weight:600;margin:1rem 0}.valid{background:#e6f4ea;border:2px solid #1e8e3e}.invalid{background:#fce8e6;border:2px solid #b3261e}" +
        ".muted{color:#5f6368;font-size:.9em}ol li{margin:.2rem 0}:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}";

    /// <summary>
    /// The page's Content-Security-Policy, in its <c>meta</c> element (a page the tool writes to a file has no headers) and,
    /// with no framing added, in the dashboard's header.
    /// </summary>
    public static readonly string ContentSecurityPolicy = HtmlDocument.ContentSecurityPolicy(Style);

    /// <summary>The event's fields, in the certificate's order, with what the page calls them.</summary>
    private static readonly (string Name, string Label)[] EventFields =
    [
        ("account", "account"), ("number", "number"), ("event_id", "event id"), ("kind", "change"), ("scope", "applies to"), ("list", "list"),
        ("campaign", "campaign"), ("source", "source"), ("occurred_at", "occurred (UTC)"), ("recorded_at", "recorded (UTC)"), ("paused_until", "paused until (UTC)"),
        ("reverts", "takes back event"),
    ];

    private static readonly (string Name, string Label)[] EvidenceFields =
    [
        ("ip_address", "IP address"), ("user_agent", "user agent"), ("page_url", "page URL"), ("disclosure_text", "disclosure text"), ("message_text", "message text"),
        ("link_token", "link token"), ("provider_name", "provider"), ("provider_message_id", "provider message id"), ("provider_error_code", "provider error code"), ("note", "note"),
    ];

    private static readonly (string Name, string Label)[] CheckpointFields =
    [
        ("origin", "origin (the log)"), ("tree_size", "tree size (events in the log)"), ("root_hash", "root hash"), ("time", "signed at (UTC)"), ("key_id", "key id"), ("signature", "Ed25519 signature"),
    ];

    /// <summary>
    /// The page of a certificate, with the outcome of <see cref="ConsentCertificateVerifier.Verify"/> over its JSON, which
    /// <paramref name="checkedBy"/> ("this dashboard", "the smsoptout tool") made with the configured public keys.
    /// </summary>
    public static string Render(string title, string json, CertificateVerification verification, IReadOnlyDictionary<string, byte[]> publicKeys, string checkedBy)
    {
        var root = JsonNode.Parse(json)!;
        var ev = root["event"]!;
        var page = Start(title, $"Consent certificate of event {Text(ev["event_id"])}");
        page.Append("<p class=\"muted\">").Append(HtmlDocument.Encode($"{Kind(ev)} of {Text(ev["number"])} in account {Text(ev["account"])}, recorded {Text(ev["recorded_at"])}. Format {Text(root["format"])}."))
            .Append("</p>");
        if (verification.IsValid)
        {
            var checkpoint = verification.Checkpoint!;
            page.Append("<p class=\"result valid\" id=\"verification\">").Append(HtmlDocument.Encode(string.Create(CultureInfo.InvariantCulture,
                $"Valid: signed by key {checkpoint.KeyId}. Event {verification.EventId} is leaf {verification.LeafIndex} of the log of {checkpoint.TreeSize} {(checkpoint.TreeSize == 1 ? "event" : "events")} of account {verification.Account} that key {checkpoint.KeyId} signed at {Text(root["checkpoint"]!["time"])}; checked by {checkedBy} with the configured public key.")))
                .Append("</p>");
        }
        else
        {
            page.Append("<p class=\"result invalid\" id=\"verification\">").Append(HtmlDocument.Encode("NOT VALID: " + verification.Failure)).Append("</p>");
        }

        page.Append("<h2>The event</h2>").Append(Table("event", EventFields, ev))
            .Append("<h2>Its evidence</h2>").Append(Table("evidence", EvidenceFields, ev["evidence"]!))
            .Append("<h2>Its place in the log</h2><table id=\"proof\"><tbody>")
            .Append("<tr><th scope=\"row\">leaf index</th><td>").Append(HtmlDocument.Encode(Text(root["leaf_index"]))).Append("</td></tr>")
            .Append("<tr><th scope=\"row\">salt</th><td><code>").Append(HtmlDocument.Encode(Text(root["salt"]))).Append("</code></td></tr>")
            .Append("<tr><th scope=\"row\">inclusion proof (RFC 9162)</th><td>");
        var proof = root["inclusion_proof"]!.AsArray();
        if (proof.Count == 0)
        {
            page.Append("empty: the event is the log's only leaf, its hash is the root");
        }
        else
        {
            page.Append("<ol start=\"0\">");
            foreach (var hash in proof)
            {
                page.Append("<li><code>").Append(HtmlDocument.Encode(Text(hash))).Append("</code></li>");
            }

            page.Append("</ol>");
        }

        page.Append("</td></tr></tbody></table>")
            .Append("<h2>The signed checkpoint</h2>").Append(Table("checkpoint", CheckpointFields, root["checkpoint"]!))
            .Append(HowToVerify(publicKeys, Text(root["checkpoint"]!["key_id"])))
            .Append("<h2>The certificate (JSON)</h2><p>Save this text as <code>certificate.json</code>: it is the whole certificate, byte for byte as the download.</p>")
            .Append("<pre id=\"certificate-json\">").Append(HtmlDocument.Encode(json)).Append("</pre>");
        return End(page);
    }

    /// <summary>
    /// The page of an event whose certificate cannot be issued because the log no longer verifies: what failed, the first
    /// divergence of the account's whole log, and the event as it is stored now — which is not what was recorded.
    /// </summary>
    public static string RenderFailure(string title, Consent.ConsentEvent stored, string failure, string? divergence)
    {
        var page = Start(title, $"Consent certificate of event {stored.EventId}");
        page.Append("<p class=\"result invalid\" id=\"verification\">").Append(HtmlDocument.Encode("NOT VALID — no certificate can be issued: " + failure)).Append("</p>");
        if (divergence is not null)
        {
            page.Append("<h2>The account's whole log</h2><p id=\"divergence\">").Append(HtmlDocument.Encode(divergence)).Append("</p>");
        }

        page.Append("<p>The stored record of the event no longer matches the leaf the log kept when it was recorded: it was changed since, outside SmsOptOut. ")
            .Append("A checkpoint handed to a third party before the change proves what was recorded. Run <code>smsoptout verify --account …</code> and investigate.</p>")
            .Append("<h2>The event as stored now</h2><table id=\"stored\"><tbody>");
        var evidence = Storage.ConsentEvidenceJson.Serialize(stored.Evidence) is { } json ? JsonNode.Parse(json)!.AsObject() : [];
        foreach (var (label, value) in new[]
                 {
                     ("account", stored.Account.Value), ("number", stored.Number.ToString()), ("change", Labels.Kind(stored.Kind)), ("source", Labels.Source(stored.Source)),
                     ("occurred (UTC)", stored.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                     ("recorded (UTC)", stored.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                 }.Concat(evidence.Select(p => (p.Key.Replace('_', ' '), Text(p.Value)))))
        {
            page.Append("<tr><th scope=\"row\">").Append(HtmlDocument.Encode(label)).Append("</th><td>").Append(HtmlDocument.Encode(value)).Append("</td></tr>");
        }

        page.Append("</tbody></table>");
        return End(page);
    }

    private static string HowToVerify(IReadOnlyDictionary<string, byte[]> publicKeys, string keyId)
    {
        var key = publicKeys.TryGetValue(keyId, out var k) ? Convert.ToBase64String(k) : "<the public key of " + keyId + ">";
        return new StringBuilder("<h2>Verify it yourself, offline</h2><p>With nothing but this certificate and the public key of key <code>")
            .Append(HtmlDocument.Encode(keyId)).Append("</code>:</p><pre id=\"verify-command\">smsoptout verify certificate.json --public-key ").Append(HtmlDocument.Encode(keyId + "=" + key))
            .Append("</pre><p>The tool prints <code>valid: …</code> or what failed. It checks three things, which any SHA-256 and Ed25519 library can redo (docs/evidence.md, Certificates):</p><ol id=\"verify-steps\">")
            .Append("<li>Build the event's form from <code>event</code> and <code>salt</code> (each field a netstring, in the documented order) and hash it: <code>SHA-256(0x00 ‖ form)</code> is the leaf.</li>")
            .Append("<li>Walk the inclusion proof from that leaf at <code>leaf_index</code> in a tree of <code>checkpoint.tree_size</code> (RFC 9162, section 2.1.3.2): the result must be <code>checkpoint.root_hash</code>.</li>")
            .Append("<li>Check that <code>checkpoint.origin</code> is <code>smsoptout/&lt;account&gt;</code> and that <code>checkpoint.signature</code> is the key's Ed25519 signature of the checkpoint's body (origin, tree size, root hash, time).</li>")
            .Append("</ol>").ToString();
    }

    private static StringBuilder Start(string title, string heading) =>
        HtmlDocument.Start(heading + " · " + title, Style, 16_384, ContentSecurityPolicy).Append("<body><main><h1>").Append(HtmlDocument.Encode(heading)).Append("</h1>");

    private static string End(StringBuilder page) => page.Append("</main></body></html>").ToString();

    private static string Table(string id, (string Name, string Label)[] fields, JsonNode node)
    {
        var table = new StringBuilder("<table id=\"").Append(id).Append("\"><tbody>");
        foreach (var (name, label) in fields)
        {
            var value = node[name];
            table.Append("<tr data-field=\"").Append(name).Append("\"><th scope=\"row\">").Append(HtmlDocument.Encode(label)).Append("</th><td>")
                .Append(value is null ? "<span class=\"muted\">—</span>" : name is "root_hash" or "signature" ? "<code>" + HtmlDocument.Encode(Text(value)) + "</code>"
                    : name == "source" && Labels.SourceOf(Text(value)) is { } source ? HtmlDocument.Encode($"{Text(value)} ({Labels.Source(source)})") : HtmlDocument.Encode(Text(value)))
                .Append("</td></tr>");
        }

        return table.Append("</tbody></table>").ToString();
    }

    private static string Kind(JsonNode ev) => Text(ev["kind"]) switch
    {
        "opt-out" => "Opt-out",
        "opt-in" => "Opt-in",
        var other => other,
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
