using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>Possible phone numbers for tests, distinct for distinct indexes.</summary>
public static class TestNumbers
{
    /// <summary>The <paramref name="index"/>-th number of a North American range: +1 212 000 0000 onwards.</summary>
    /// <param name="index">0 to 7,999,999,999.</param>
    /// <returns>The number.</returns>
    public static PhoneNumber Us(long index) => PhoneNumber.FromValue(12_120_000_000UL + (ulong)index);

    /// <summary><paramref name="count"/> consecutive numbers starting at <paramref name="first"/>.</summary>
    /// <param name="count">How many.</param>
    /// <param name="first">The index of the first.</param>
    /// <returns>The numbers.</returns>
    public static PhoneNumber[] Range(int count, long first = 0)
    {
        var numbers = new PhoneNumber[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = Us(first + i);
        }

        return numbers;
    }
}
