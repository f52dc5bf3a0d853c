namespace SmsOptOut.Messages;

/// <summary>How an SMS is encoded on the air.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit default alphabet: 160 septets in one segment, 153 per segment when split.</summary>
    Gsm7 = 1,

    /// <summary>UCS-2 (UTF-16): 70 code units in one segment, 67 per segment when split. One character outside GSM-7 switches the whole message.</summary>
    Ucs2 = 2,
}
