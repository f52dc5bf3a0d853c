namespace SmsOptOut.Storage;

/// <summary>What reading a stored event can throw when its record was changed behind the store's back (the consent log reports it, not the reader).</summary>
internal static class StoredRecord
{
    /// <summary>Whether <paramref name="e"/> is a record that cannot be read: malformed JSON, a value of the wrong type or out of range, a cut record.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is System.Text.Json.JsonException or InvalidCastException or FormatException or ArgumentException or OverflowException or IndexOutOfRangeException or EndOfStreamException;
}
