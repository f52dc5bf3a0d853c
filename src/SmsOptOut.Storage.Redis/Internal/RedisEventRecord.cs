using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// A consent event as key layout 4 keeps it, once, in the account's event lists: binary, about a third of the JSON of
/// layout 3. It starts with the event's id in its key form (a big-endian 2-byte length, then the bytes; the scripts read
/// it there, <see cref="RedisScripts"/>), then kind, source and scope (a byte each), the number, the occurrence (ticks)
/// and the recording (ticks after the occurrence, zigzag), a byte of flags with the list, campaign, pause end, reverted
/// id and salt that are there, and a mask of the evidence's fields with those that are set. Integers are 7-bit varints,
/// strings a varint byte length and UTF-8. A page URL that ends with the link token is kept without it; a user agent is
/// packed (<see cref="UserAgentPacking"/>, key layout 5: a mask bit says so, and records without it read as before). The account is
/// the key's, not the record's. An erased event's record is empty (its leaf stays in the log). Key layout 8 writes the
/// compact form, which pays for the event's field check: kind, scope and source in one byte marked by its high bit, the
/// occurrence as zigzag ticks after 2020, and the salt with its field check (<see cref="SaltColumn"/>) as 20 bytes
/// without a length; records in the earlier form read as before.
/// </summary>
internal static class RedisEventRecord
{
    private const byte HasList = 1, HasCampaign = 2, HasPaused = 4, HasReverts = 8, HasSalt = 16, HasCheckedSalt = 32;

    /// <summary>Marks the compact form's first byte (key layout 8): kind, scope and source in one byte, the occurrence after <see cref="Epoch"/>.</summary>
    private const byte Compact = 0x80;

    /// <summary>2020-01-01T00:00:00Z in ticks: the compact form's occurrence counts from it (zigzag), a byte shorter until 2134.</summary>
    private const long Epoch = 637_134_336_000_000_000;

    /// <summary>The evidence's fields in mask order; bit <see cref="PageUrlAfterToken"/> marks a page URL kept without its link token.</summary>
    private static readonly Func<ConsentEvidence, string?>[] Fields =
    [
        e => e.MessageText, e => e.ProviderMessageId, e => e.ProviderName, e => e.ProviderErrorCode, e => e.LinkToken,
        e => e.UserAgent, e => e.IpAddress, e => e.PageUrl, e => e.DisclosureText, e => e.Note,
    ];

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private const int PageUrl = 7, LinkToken = 4, UserAgent = 5, PageUrlAfterToken = 10, UserAgentPacked = 11;

    /// <summary>
    /// The form an event id is indexed and recorded under: the 16 bytes after a 0x01 for the service's own ids
    /// (<c>evt_</c> and 32 lowercase hex digits), else the id's UTF-8 (an id holds no control characters, so never a 0x01).
    /// </summary>
    public static byte[] KeyOf(string id)
    {
        if (id.Length == 36 && id.StartsWith("evt_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(LowerHex))
        {
            var key = new byte[17];
            key[0] = 1;
            Convert.FromHexString(id.AsSpan(4), key.AsSpan(1), out _, out _);
            return key;
        }

        return Encoding.UTF8.GetBytes(id);
    }

    /// <summary>The id of a key form (<see cref="KeyOf"/>).</summary>
    public static string IdOf(ReadOnlySpan<byte> key) =>
        key.Length == 17 && key[0] == 1 ? "evt_" + Convert.ToHexStringLower(key[1..]) : Encoding.UTF8.GetString(key);

    /// <summary>The id of the event a record holds.</summary>
    public static string IdOfRecord(ReadOnlySpan<byte> record) => IdOf(record.Slice(2, BinaryPrimitives.ReadUInt16BigEndian(record)));

    public static byte[] Encode(ConsentEvent e, byte[]? salt)
    {
        var writer = new ArrayBufferWriter<byte>(256);
        var key = KeyOf(e.EventId);
        BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), checked((ushort)key.Length));
        writer.Advance(2);
        writer.Write(key);
        var occurred = StoredValues.Ticks(e.OccurredAt);
        var compact = e.Kind is ConsentKind.OptOut or ConsentKind.OptIn && e.Scope is SuppressionScope.Account or SuppressionScope.List && (int)e.Source is >= 0 and < 32;
        if (compact)
        {
            Byte(writer, (byte)(Compact | ((int)e.Kind - 1) | (((int)e.Scope - 1) << 1) | ((int)e.Source << 2)));
            Varint(writer, e.Number.Value);
            Varint(writer, ZigZag(occurred - Epoch));
        }
        else
        {
            Byte(writer, (byte)e.Kind);
            Byte(writer, (byte)e.Source);
            Byte(writer, (byte)e.Scope);
            Varint(writer, e.Number.Value);
            Varint(writer, (ulong)occurred);
        }

        Varint(writer, ZigZag(StoredValues.Ticks(e.RecordedAt) - occurred));
        var checkedSalt = salt is { Length: SaltColumn.Size };
        var flags = (byte)((e.List is null ? 0 : HasList) | (e.Campaign is null ? 0 : HasCampaign) | (e.PausedUntil is null ? 0 : HasPaused)
            | (e.Reverts is null ? 0 : HasReverts) | (salt is null ? 0 : checkedSalt ? HasCheckedSalt : HasSalt));
        Byte(writer, flags);
        if (e.List is { } list)
        {
            Text(writer, list.Value);
        }

        if (e.Campaign is { } campaign)
        {
            Text(writer, campaign.Value);
        }

        if (e.PausedUntil is { } paused)
        {
            Varint(writer, (ulong)StoredValues.Ticks(paused));
        }

        if (e.Reverts is { } reverts)
        {
            Text(writer, reverts);
        }

        if (salt is not null)
        {
            if (!checkedSalt)
            {
                Varint(writer, (ulong)salt.Length);
            }

            writer.Write(salt);
        }

        var evidence = e.Evidence ?? ConsentEvidence.None;
        var values = Array.ConvertAll(Fields, f => f(evidence));
        var mask = Mask(values) | (values[UserAgent] is null ? 0 : 1UL << UserAgentPacked);
        if (values[PageUrl] is { } url && values[LinkToken] is { Length: > 0 } token && url.Length > token.Length && url.EndsWith(token, StringComparison.Ordinal))
        {
            values[PageUrl] = url[..^token.Length];
            mask |= 1UL << PageUrlAfterToken;
        }

        Varint(writer, mask);
        for (var f = 0; f < values.Length; f++)
        {
            if (values[f] is not { } value)
            {
                continue;
            }

            if (f == UserAgent)
            {
                var packed = UserAgentPacking.Pack(value);
                Varint(writer, (ulong)packed.Length);
                writer.Write(packed);
            }
            else
            {
                Text(writer, value);
            }
        }

        return writer.WrittenSpan.ToArray();
    }

    public static (ConsentEvent Event, byte[]? Salt) Decode(AccountId account, ReadOnlySpan<byte> record)
    {
        var at = 0;
        var keyLength = BinaryPrimitives.ReadUInt16BigEndian(record);
        var id = IdOf(record.Slice(2, keyLength));
        at = 2 + keyLength;
        var (kind, source, scope, number, occurred) = Head(record, ref at);
        var late = UnZigZag(ReadVarint(record, ref at));
        var flags = record[at++];
        var list = (flags & HasList) != 0 ? ReadText(record, ref at) : null;
        var campaign = (flags & HasCampaign) != 0 ? ReadText(record, ref at) : null;
        long? paused = (flags & HasPaused) != 0 ? (long)ReadVarint(record, ref at) : null;
        var reverts = (flags & HasReverts) != 0 ? ReadText(record, ref at) : null;
        byte[]? salt = null;
        if ((flags & (HasSalt | HasCheckedSalt)) != 0)
        {
            var length = (flags & HasCheckedSalt) != 0 ? SaltColumn.Size : (int)ReadVarint(record, ref at);
            salt = record.Slice(at, length).ToArray();
            at += length;
        }

        var mask = ReadVarint(record, ref at);
        var values = new string?[Fields.Length];
        for (var f = 0; f < Fields.Length; f++)
        {
            if ((mask & (1UL << f)) == 0)
            {
                continue;
            }

            if (f == UserAgent && (mask & (1UL << UserAgentPacked)) != 0)
            {
                var length = (int)ReadVarint(record, ref at);
                values[f] = UserAgentPacking.Unpack(record.Slice(at, length));
                at += length;
            }
            else
            {
                values[f] = ReadText(record, ref at);
            }
        }

        if ((mask & (1UL << PageUrlAfterToken)) != 0)
        {
            values[PageUrl] += values[LinkToken];
        }

        var evidence = mask == 0 ? ConsentEvidence.None : new ConsentEvidence
        {
            MessageText = values[0], ProviderMessageId = values[1], ProviderName = values[2], ProviderErrorCode = values[3], LinkToken = values[4],
            UserAgent = values[5], IpAddress = values[6], PageUrl = values[7], DisclosureText = values[8], Note = values[9],
        };
        var e = new ConsentEvent
        {
            EventId = id,
            Account = account,
            Number = PhoneNumber.FromValue(number),
            Kind = kind,
            Source = source,
            Scope = scope,
            List = StoredValues.List(list),
            Campaign = StoredValues.Campaign(campaign),
            OccurredAt = StoredValues.Instant(occurred),
            RecordedAt = StoredValues.Instant(occurred + late),
            Evidence = evidence,
            PausedUntil = paused is { } p ? StoredValues.Instant(p) : null,
            Reverts = reverts,
        };
        return (e, salt);
    }

    /// <summary>The recording time (ticks) of a record, without decoding the rest.</summary>
    public static long RecordedTicks(ReadOnlySpan<byte> record)
    {
        var at = 2 + BinaryPrimitives.ReadUInt16BigEndian(record);
        var occurred = Head(record, ref at).Occurred;
        return occurred + UnZigZag(ReadVarint(record, ref at));
    }

    /// <summary>Kind, source, scope, number and occurrence (ticks), in either form: the compact one's first byte has <see cref="Compact"/>.</summary>
    private static (ConsentKind Kind, OptOutSource Source, SuppressionScope Scope, ulong Number, long Occurred) Head(ReadOnlySpan<byte> record, ref int at)
    {
        var first = record[at++];
        if ((first & Compact) != 0)
        {
            var number = ReadVarint(record, ref at);
            return ((ConsentKind)((first & 1) + 1), (OptOutSource)((first >> 2) & 31), (SuppressionScope)(((first >> 1) & 1) + 1), number,
                Epoch + UnZigZag(ReadVarint(record, ref at)));
        }

        var source = (OptOutSource)record[at++];
        var scope = (SuppressionScope)record[at++];
        var value = ReadVarint(record, ref at);
        return ((ConsentKind)first, source, scope, value, (long)ReadVarint(record, ref at));
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static ulong Mask(string?[] values)
    {
        var mask = 0UL;
        for (var f = 0; f < values.Length; f++)
        {
            mask |= values[f] is null ? 0 : 1UL << f;
        }

        return mask;
    }

    private static void Byte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void Varint(ArrayBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        writer.Advance(n);
    }

    private static void Text(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Varint(writer, (ulong)length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> record, ref int at)
    {
        var value = 0UL;
        for (var shift = 0; ; shift += 7)
        {
            var b = record[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static string ReadText(ReadOnlySpan<byte> record, ref int at)
    {
        var length = (int)ReadVarint(record, ref at);
        var text = Encoding.UTF8.GetString(record.Slice(at, length));
        at += length;
        return text;
    }
}
