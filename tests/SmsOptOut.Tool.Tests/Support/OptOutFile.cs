using System.Globalization;
using System.Text;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>A provider export to import: <c>count</c> rows of distinct US numbers, every hundredth one bad (in four different ways).</summary>
internal static class OptOutFile
{
    public static PhoneNumber Number(int row) => PhoneNumber.FromValue(12_125_000_000UL + (ulong)row);

    /// <summary>Whether row <paramref name="row"/> (0-based) is one of the 1% bad ones.</summary>
    public static bool IsBad(int row) => row % 100 == 42;

    public static string Write(string folder, int count)
    {
        var path = Path.Combine(folder, $"optouts-{count}-{Guid.NewGuid().ToString("N")[..6]}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("Phone Number,Opted Out At,Channel,Notes");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var row = 0; row < count; row++)
        {
            var when = start.AddSeconds(row).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var line = (IsBad(row), row / 100 % 4) switch
            {
                (false, _) => $"{Number(row)},{when},sms,\"STOP, via keyword\"",
                (true, 0) => $",{when},sms,no number",
                (true, 1) => $"555-CALL-NOW,{when},sms,letters",
                (true, 2) => $"{Number(row)},31/31/2026,web,bad date",
                _ => $"{Number(row)},2999-01-01 00:00:00,web,in the future",
            };
            writer.WriteLine(line);
        }

        return path;
    }
}
