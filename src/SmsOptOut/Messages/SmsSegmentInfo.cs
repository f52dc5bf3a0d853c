namespace SmsOptOut.Messages;

/// <summary>What a message costs on the air.</summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet or its extension table, UCS-2 otherwise.</param>
/// <param name="Units">Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2).</param>
/// <param name="Segments">How many SMS segments the message is sent as (and billed for); 0 for an empty message.</param>
public readonly record struct SmsSegmentInfo(SmsEncoding Encoding, int Units, int Segments);
