using System.Runtime.CompilerServices;
using System.Text;
using SmsOptOut.Numbers;

namespace SmsOptOut.DoNotCall.Internal;

/// <summary>
/// Reads registry data line by line into batches of numbers: the National Do-Not-Call Registry's flat file
/// (<c>area code,number</c>), ten-digit numbers, or numbers in any format. Counts what it read and refused.
/// </summary>
/// <remarks>One value per line, at most two fields: a line reader, not a CSV parser, is the whole format.</remarks>
internal sealed class DoNotCallFileReader(DoNotCallImport import)
{
    public const int BatchSize = 10_000;

    private const int MaxErrors = 100;
    private const int MaxLineLength = 64;

    private readonly List<string> _errors = [];

    public long Read { get; private set; }

    public long Refused { get; private set; }

    public IReadOnlyList<string> Errors => _errors;

    public async IAsyncEnumerable<PhoneNumber[]> ReadAsync(Stream data, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(data, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var batch = new List<PhoneNumber>(BatchSize);
        var line = 0L;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            var value = text.AsSpan().Trim();
            if (value.IsEmpty || value[0] == '#')
            {
                continue;
            }

            Read++;
            if (TryRead(value, out var number, out var reason))
            {
                batch.Add(number);
                if (batch.Count == BatchSize)
                {
                    yield return [.. batch];
                    batch.Clear();
                }
            }
            else
            {
                Refuse(line, value, reason);
            }
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    private bool TryRead(ReadOnlySpan<char> value, out PhoneNumber number, out string reason)
    {
        number = default;
        if (value.Length > MaxLineLength)
        {
            reason = $"longer than {MaxLineLength} characters; expected one number per line";
            return false;
        }

        var comma = value.IndexOf(',');
        if (comma >= 0)
        {
            // The registry's flat file: "201,5550123", a US area code and a seven-digit number.
            var area = value[..comma].Trim();
            var local = value[(comma + 1)..].Trim();
            if (area.Length != 3 || local.Length != 7 || !IsDigits(area) || !IsDigits(local))
            {
                reason = "expected the registry's 'area code,number' (3 and 7 digits) or one phone number";
                return false;
            }

            Span<char> digits = stackalloc char[10];
            area.CopyTo(digits);
            local.CopyTo(digits[3..]);
            return Parse(digits, "US", out number, out reason);
        }

        return Parse(value, import.DefaultRegion, out number, out reason);
    }

    private static bool Parse(ReadOnlySpan<char> value, string region, out PhoneNumber number, out string reason)
    {
        if (PhoneNumber.TryParse(value, region, out number, out var error))
        {
            reason = string.Empty;
            return true;
        }

        reason = PhoneNumberErrorText.Describe(value.ToString(), region, error);
        return false;
    }

    private void Refuse(long line, ReadOnlySpan<char> value, string reason)
    {
        var message = $"line {line}: '{(value.Length > MaxLineLength ? value[..MaxLineLength].ToString() + "…" : value.ToString())}' is not a phone number: {reason}";
        if (import.Strict)
        {
            throw new FormatException($"The Do-Not-Call registry data was not imported, and the current set stays: {message}.");
        }

        Refused++;
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(message);
        }
    }

    private static bool IsDigits(ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange('0', '9');
}
