using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The canonical form of a consent event as a leaf of its account's log (docs/evidence.md, "The leaf"): a tag, the
/// event's salt and every field of the event and its evidence in a fixed order, each written as a netstring
/// (<c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c>) and an absent one as <c>-,</c> — so no value can be read as
/// another, and a few lines of any language rebuild it. The leaf hash is <c>SHA-256(0x00 ‖ form)</c>. The salt makes
/// the hash of an erased event reveal nothing about the number it held.
/// </summary>
internal static class ConsentLeaf
{
    /// <summary>The tag the form starts with; a new form gets a new tag.</summary>
    public const string Tag = "smsoptout-consent-v1";

    /// <summary>The size of an event's salt.</summary>
    public const int SaltSize = 16;

    /// <summary>The canonical form of <paramref name="e"/> under <paramref name="salt"/>.</summary>
    public static byte[] Form(ConsentEvent e, ReadOnlySpan<byte> salt)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxSize(e));
        try
        {
            return buffer.AsSpan(0, Write(e, salt, buffer)).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The leaf hash of <paramref name="e"/> under <paramref name="salt"/>: <c>SHA-256(0x00 ‖ form)</c>, with no allocation but the result.</summary>
    public static byte[] Hash(ConsentEvent e, ReadOnlySpan<byte> salt)
    {
        var hash = new byte[Sha256.Size];
        Hash(e, salt, hash);
        return hash;
    }

    /// <summary>Whether <paramref name="e"/> under <paramref name="salt"/> still gives <paramref name="leafHash"/>, with no allocation (a log's verification asks it of every event).</summary>
    public static bool Matches(ConsentEvent e, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> leafHash)
    {
        Span<byte> hash = stackalloc byte[Sha256.Size];
        Hash(e, salt, hash);
        return CryptographicOperations.FixedTimeEquals(hash, leafHash);
    }

    private static void Hash(ConsentEvent e, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxSize(e) + 1);
        try
        {
            buffer[0] = 0x00;
            var length = Write(e, salt, buffer.AsSpan(1));
            Sha256.Hash(buffer.AsSpan(0, length + 1), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>How many netstrings a form holds: the tag, the salt and the event's <see cref="FieldNames"/>.</summary>
    public const int FormParts = 2 + 22;

    /// <summary>
    /// The names of the event's fields in the form's order, after the tag and the salt: a certificate's JSON names, the
    /// event's twelve (<see cref="EventFields"/>) then its evidence's ten.
    /// </summary>
    public static readonly string[] FieldNames =
    [
        "event_id", "account", "number", "kind", "source", "scope", "list", "campaign", "occurred_at", "recorded_at", "paused_until", "reverts",
        "message_text", "provider_message_id", "provider_name", "provider_error_code", "link_token", "user_agent", "ip_address", "page_url",
        "disclosure_text", "note",
    ];

    /// <summary>How many of <see cref="FieldNames"/> are the event's own; the rest are its evidence's.</summary>
    public const int EventFields = 12;

    /// <summary>
    /// Writes the form into <paramref name="destination"/> (at least <see cref="MaxSize"/> bytes); returns its length.
    /// When <paramref name="ends"/> has room, it receives where each of the <see cref="FormParts"/> netstrings ends.
    /// </summary>
    public static int Write(ConsentEvent e, ReadOnlySpan<byte> salt, Span<byte> destination, Span<int> ends = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"A leaf's salt is {SaltSize} bytes; got {salt.Length}.", nameof(salt));
        }

        var writer = new FormWriter(destination, ends);
        var evidence = e.Evidence ?? ConsentEvidence.None;
        writer.Netstring(TagNetstring);
        writer.Salt(salt);
        writer.Text(e.EventId);
        writer.Text(e.Account.Value);
        writer.Number(e.Number);
        writer.Netstring(e.Kind == ConsentKind.OptOut ? "7:opt-out,"u8 : "6:opt-in,"u8);
        writer.Text(SourceCode(e.Source));
        writer.Netstring(e.Scope == SuppressionScope.List ? "4:list,"u8 : "7:account,"u8);
        writer.Text(e.List?.Value);
        writer.Text(e.Campaign?.Value);
        writer.Time(e.OccurredAt);
        writer.Time(e.RecordedAt);
        writer.Time(e.PausedUntil);
        writer.Text(e.Reverts);
        writer.Text(evidence.MessageText);
        writer.Text(evidence.ProviderMessageId);
        writer.Text(evidence.ProviderName);
        writer.Text(evidence.ProviderErrorCode);
        writer.Text(evidence.LinkToken);
        writer.Text(evidence.UserAgent);
        writer.Text(evidence.IpAddress);
        writer.Text(evidence.PageUrl);
        writer.Text(evidence.DisclosureText);
        writer.Text(evidence.Note);
        return writer.Length;
    }

    /// <summary>An upper bound of the form's length: three UTF-8 bytes per UTF-16 unit and room for each netstring's length.</summary>
    public static int MaxSize(ConsentEvent e)
    {
        var evidence = e.Evidence ?? ConsentEvidence.None;
        var chars = Tag.Length + (SaltSize * 2) + (e.EventId?.Length ?? 0) + (e.Account.Value?.Length ?? 0) + 32 + 16 + (e.List?.Value.Length ?? 0)
            + (e.Campaign?.Value.Length ?? 0) + (3 * 28) + (e.Reverts?.Length ?? 0)
            + (evidence.MessageText?.Length ?? 0) + (evidence.ProviderMessageId?.Length ?? 0) + (evidence.ProviderName?.Length ?? 0)
            + (evidence.ProviderErrorCode?.Length ?? 0) + (evidence.LinkToken?.Length ?? 0) + (evidence.UserAgent?.Length ?? 0) + (evidence.IpAddress?.Length ?? 0)
            + (evidence.PageUrl?.Length ?? 0) + (evidence.DisclosureText?.Length ?? 0) + (evidence.Note?.Length ?? 0);
        return (chars * 3) + (24 * 12);
    }

    /// <summary>The tag as its netstring.</summary>
    private static ReadOnlySpan<byte> TagNetstring => "20:smsoptout-consent-v1,"u8;

    /// <summary>
    /// Writes netstrings into a span, in UTF-8 from the start: text that is all ASCII (nearly all of it) is narrowed in one
    /// pass after its length, other text measured and encoded; times and the number are formatted as UTF-8.
    /// </summary>
    private ref struct FormWriter(Span<byte> destination, Span<int> ends)
    {
        private readonly Span<byte> _destination = destination;
        private readonly Span<int> _ends = ends;
        private int _parts;

        public int Length { get; private set; }

        /// <summary>A netstring already written out (a constant).</summary>
        public void Netstring(ReadOnlySpan<byte> netstring)
        {
            netstring.CopyTo(_destination[Length..]);
            Length += netstring.Length;
            Ended();
        }

        public void Salt(ReadOnlySpan<byte> salt)
        {
            "32:"u8.CopyTo(_destination[Length..]);
            Length += 3;
            Convert.TryToHexStringLower(salt, _destination[Length..], out var written);
            Length += written;
            _destination[Length++] = (byte)',';
            Ended();
        }

        public void Number(PhoneNumber number)
        {
            Span<byte> digits = stackalloc byte[24];
            number.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            Bytes(digits[..written]);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Absent();
                return;
            }

            // The UTF-8 length of ASCII text is its length: write it, then narrow the text after it in one pass.
            var start = Length;
            value.Length.TryFormat(_destination[Length..], out var digits, default, CultureInfo.InvariantCulture);
            _destination[Length + digits] = (byte)':';
            if (Ascii.FromUtf16(value, _destination[(Length + digits + 1)..], out var narrowed) == OperationStatus.Done)
            {
                Length += digits + 1 + narrowed;
                _destination[Length++] = (byte)',';
                Ended();
                return;
            }

            Length = start;
            var bytes = Encoding.UTF8.GetByteCount(value);
            bytes.TryFormat(_destination[Length..], out digits, default, CultureInfo.InvariantCulture);
            Length += digits;
            _destination[Length++] = (byte)':';
            Length += Encoding.UTF8.GetBytes(value, _destination[Length..]);
            _destination[Length++] = (byte)',';
            Ended();
        }

        public void Time(DateTimeOffset? at)
        {
            if (at is not { } time)
            {
                Absent();
                return;
            }

            // The round-trip format writes a UTC time in 28 bytes, always (four-digit years): its length is known before it.
            "28:"u8.CopyTo(_destination[Length..]);
            time.UtcDateTime.TryFormat(_destination[(Length + 3)..], out var written, TimeFormat, CultureInfo.InvariantCulture);
            if (written != 28)
            {
                throw new InvalidOperationException($"A UTC time was formatted in {written} bytes; 28 were expected.");
            }

            Length += 3 + 28;
            _destination[Length++] = (byte)',';
            Ended();
        }

        private void Bytes(scoped ReadOnlySpan<byte> value)
        {
            value.Length.TryFormat(_destination[Length..], out var digits, default, CultureInfo.InvariantCulture);
            Length += digits;
            _destination[Length++] = (byte)':';
            value.CopyTo(_destination[Length..]);
            Length += value.Length;
            _destination[Length++] = (byte)',';
            Ended();
        }

        private void Absent()
        {
            _destination[Length++] = (byte)'-';
            _destination[Length++] = (byte)',';
            Ended();
        }

        private void Ended()
        {
            if (_parts < _ends.Length)
            {
                _ends[_parts] = Length;
            }

            _parts++;
        }
    }

    /// <summary>The fields in their canonical order, as text (times as UTC with seven decimals), <see langword="null"/> when absent.</summary>
    public static IEnumerable<string?> Fields(ConsentEvent e, string salt)
    {
        var evidence = e.Evidence ?? ConsentEvidence.None;
        return
        [
            Tag, salt, e.EventId, e.Account.Value, e.Number.ToString(), e.Kind == ConsentKind.OptOut ? "opt-out" : "opt-in", SourceCode(e.Source),
            e.Scope == SuppressionScope.List ? "list" : "account", e.List?.Value, e.Campaign?.Value, Time(e.OccurredAt), Time(e.RecordedAt),
            e.PausedUntil is { } until ? Time(until) : null, e.Reverts,
            evidence.MessageText, evidence.ProviderMessageId, evidence.ProviderName, evidence.ProviderErrorCode, evidence.LinkToken,
            evidence.UserAgent, evidence.IpAddress, evidence.PageUrl, evidence.DisclosureText, evidence.Note,
        ];
    }

    /// <summary>A time as the form writes it: <c>2026-12-07T09:30:00.0000000Z</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The round-trip format, which for a UTC <see cref="DateTime"/> is exactly <c>yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'</c>
    /// (<c>ConsentLeafTests</c> pin it) and which .NET writes without parsing a custom pattern.
    /// </summary>
    private const string TimeFormat = "O";

    /// <summary>A source as the form writes it.</summary>
    public static string SourceCode(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "keyword",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider",
        _ => ((int)source).ToString(CultureInfo.InvariantCulture),
    };
}
