namespace SmsOptOut.Messages.Internal;

/// <summary>The GSM 03.38 default alphabet and its extension table (3GPP TS 23.038, 6.2.1).</summary>
internal static class Gsm7
{
    /// <summary>Every character of the basic table (one septet each).</summary>
    public const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Every character of the extension table (an escape septet plus one: two septets each).</summary>
    public const string Extension = "\f^{}\\[~]|€";

    // 0 = not GSM-7, 1 = basic, 2 = extension. Every GSM-7 character is below U+2100, so one small table covers all.
    private static readonly byte[] Cost = BuildTable();

    /// <summary>Septets <paramref name="c"/> takes in GSM-7: 1, 2, or 0 when it is not in the alphabet.</summary>
    public static int SeptetsOf(char c) => c < Cost.Length ? Cost[c] : 0;

    private static byte[] BuildTable()
    {
        var table = new byte[0x2100];
        foreach (var c in Basic)
        {
            table[c] = 1;
        }

        foreach (var c in Extension)
        {
            table[c] = 2;
        }

        return table;
    }
}
