using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>
/// What a host's logs must never hold: a full phone number (in any format, URL-encoded or not — ASP.NET Core's request
/// logging writes URLs as they came), or an unhandled exception (ASP.NET Core's "An unhandled exception has occurred",
/// Kestrel's "Unhandled exception while processing request", or anything else at Error or above).
/// </summary>
internal static partial class LogAssertions
{
    /// <summary>Every text a record carries: category, message, each structured value, and the exception.</summary>
    public static IEnumerable<string> Texts(FakeLogRecord record)
    {
        yield return record.Category ?? string.Empty;
        yield return record.Message;
        if (record.State is IEnumerable<KeyValuePair<string, object?>> state)
        {
            foreach (var (_, value) in state)
            {
                yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        if (record.Exception is not null)
        {
            yield return record.Exception.ToString();
        }
    }

    /// <summary>The records that hold one of <paramref name="numbers"/> in full, with the number found.</summary>
    public static List<string> FullNumbers(FakeLogCollector logs, IEnumerable<PhoneNumber> numbers)
    {
        // The number without its country code: "+1 (415) 555-2671", "%2B14155552671" and "4155552671" all hold it; a
        // masked "+1 ••• ••• 2671" does not.
        var wanted = numbers.Select(n => n.ToString()[^10..]).Distinct().ToList();
        var found = new List<string>();
        foreach (var record in logs.GetSnapshot())
        {
            foreach (var text in Texts(record))
            {
                var decoded = Decode(text);
                foreach (Match run in DigitRun().Matches(decoded))
                {
                    var digits = new string([.. run.Value.Where(char.IsAsciiDigit)]);
                    if (wanted.FirstOrDefault(digits.Contains) is { } number)
                    {
                        found.Add($"[{record.Level} {record.Category} {record.Id}] holds …{number}: {record.Message}");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The records of unhandled exceptions, and any other at Error or above.</summary>
    public static List<string> Unhandled(FakeLogCollector logs) =>
    [
        .. logs.GetSnapshot()
            .Where(r => r.Level >= LogLevel.Error || r.Message.Contains("nhandled exception", StringComparison.Ordinal)
                        || (r.Category?.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal) == true && r.Id.Id == 1))
            .Select(r => $"[{r.Level} {r.Category} {r.Id}] {r.Message} {r.Exception}"),
    ];

    public static void ShouldHoldNoFullNumberOrUnhandledException(this FakeLogCollector logs, params PhoneNumber[] numbers)
    {
        logs.GetSnapshot().Should().NotBeEmpty("the host's logs are captured");
        FullNumbers(logs, numbers).Should().BeEmpty("no log line may hold a full phone number");
        Unhandled(logs).Should().BeEmpty("every refusal is deliberate: no unhandled exception, no error");
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' ').Replace("%2B", "+", StringComparison.OrdinalIgnoreCase));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>Digits with the separators a typed or formatted number may carry.</summary>
    [GeneratedRegex(@"[0-9][0-9 ().\-]{6,}[0-9]")]
    private static partial Regex DigitRun();
}
