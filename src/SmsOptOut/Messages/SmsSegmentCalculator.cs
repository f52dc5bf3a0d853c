using SmsOptOut.Messages.Internal;

namespace SmsOptOut.Messages;

/// <summary>
/// Counts the SMS segments of a text per GSM 03.38 and 3GPP TS 23.040: GSM-7 when every character is in the default
/// alphabet or its extension table (extension characters take two septets), UCS-2 otherwise. One segment holds 160
/// septets or 70 UCS-2 units; a split message holds 153 or 67 per segment (the rest is the concatenation header).
/// An escape pair (GSM-7) and a surrogate pair (UCS-2) are never split across two segments, as handsets send them.
/// </summary>
public static class SmsSegmentCalculator
{
    /// <summary>Septets in a single-segment GSM-7 message.</summary>
    public const int Gsm7Single = 160;

    /// <summary>Septets per segment of a split GSM-7 message.</summary>
    public const int Gsm7Multi = 153;

    /// <summary>Code units in a single-segment UCS-2 message.</summary>
    public const int Ucs2Single = 70;

    /// <summary>Code units per segment of a split UCS-2 message.</summary>
    public const int Ucs2Multi = 67;

    /// <summary>Counts the segments of <paramref name="text"/>.</summary>
    /// <param name="text">The message as it will be sent.</param>
    /// <returns>Encoding, units and segments.</returns>
    public static SmsSegmentInfo Calculate(ReadOnlySpan<char> text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            var cost = Gsm7.SeptetsOf(c);
            if (cost == 0)
            {
                return CalculateUcs2(text);
            }

            septets += cost;
        }

        if (septets <= Gsm7Single)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, septets, septets == 0 ? 0 : 1);
        }

        var segments = 1;
        var used = 0;
        foreach (var c in text)
        {
            var cost = Gsm7.SeptetsOf(c);
            if (used + cost > Gsm7Multi)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SmsSegmentInfo(SmsEncoding.Gsm7, septets, segments);
    }

    /// <summary>Whether every character of <paramref name="text"/> can be sent in GSM-7.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when the text needs no UCS-2.</returns>
    public static bool IsGsm7(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (Gsm7.SeptetsOf(c) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static SmsSegmentInfo CalculateUcs2(ReadOnlySpan<char> text)
    {
        if (text.Length <= Ucs2Single)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, 1);
        }

        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + width > Ucs2Multi)
            {
                segments++;
                used = 0;
            }

            used += width;
            i += width - 1;
        }

        return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, segments);
    }
}
