using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tool.Import;

/// <summary>
/// Turns a row into the opt-out it records (source <see cref="OptOutSource.Import"/>; the file's own source and note
/// kept as evidence), or into the reason it is refused. Each row gets an idempotency key from what it says, so applying
/// the same file twice — or again after an interrupted run — records each opt-out once.
/// </summary>
internal sealed class OptOutRowReader(AccountId account, string? region, DateTimeOffset now)
{
    /// <summary>How far ahead of now a timestamp may be (clocks differ a little); later ones are refused.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd"];

    public bool TryRead(in ImportRow row, out ConsentRequest request, out string problem)
    {
        request = null!;
        problem = row.Problem ?? string.Empty;
        if (row.Problem is not null)
        {
            return false;
        }

        if (row.Number is null)
        {
            problem = "no phone number";
            return false;
        }

        if (!PhoneNumber.TryParse(row.Number.AsSpan(), region, out var number, out var error))
        {
            problem = PhoneNumberErrorText.Describe(row.Number, region, error);
            return false;
        }

        DateTimeOffset? occurredAt = null;
        if (row.Timestamp is not null)
        {
            if (!TryParseTimestamp(row.Timestamp, out var parsed))
            {
                problem = $"the timestamp '{row.Timestamp}' is not a date; expected ISO 8601 (2026-11-28T10:00:00Z), yyyy-MM-dd HH:mm:ss (UTC) or Unix seconds or milliseconds";
                return false;
            }

            if (parsed > now + ClockSkew)
            {
                problem = $"the timestamp '{row.Timestamp}' is in the future";
                return false;
            }

            occurredAt = parsed;
        }

        ListId? list = null;
        if (row.List is not null)
        {
            try
            {
                list = new ListId(row.List);
            }
            catch (ArgumentException e)
            {
                problem = $"the list '{row.List}' is not a list id: {e.Message}";
                return false;
            }
        }

        var note = (row.Source, row.Note) switch
        {
            (null, null) => "imported",
            (null, { } n) => "imported: " + n,
            ({ } s, null) => "imported; source: " + s,
            ({ } s, { } n) => $"imported; source: {s}; {n}",
        };
        request = new ConsentRequest(account, number, OptOutSource.Import)
        {
            Scope = list is null ? SuppressionScope.Account : SuppressionScope.List,
            List = list,
            OccurredAt = occurredAt,
            Evidence = new ConsentEvidence { Note = note.Length > 500 ? note[..500] : note },
            IdempotencyKey = IdempotencyKey(number, list, occurredAt),
        };
        return true;
    }

    /// <summary>The same for the same opt-out; a hash, so the event id does not carry the number.</summary>
    private static string IdempotencyKey(PhoneNumber number, ListId? list, DateTimeOffset? occurredAt)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{number.Value}|{list?.Value}|{occurredAt?.UtcTicks}");
        return "import_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fractional) && (unix = (long)fractional) > 0))
        {
            // Ten digits or fewer: seconds (until the year 2286); more: milliseconds.
            var valid = unix is > 0 and < 100_000_000_000_000;
            value = valid ? (unix < 10_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.FromUnixTimeMilliseconds(unix)) : default;
            return valid;
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
