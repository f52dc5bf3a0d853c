namespace SmsOptOut.Tool.Import;

/// <summary>One row of an import file as read: its line number and the texts of the columns the import uses.</summary>
/// <param name="Line">The row's line number in the file (1 is the first line; a CSV header is line 1).</param>
/// <param name="Number">The phone number column.</param>
/// <param name="Timestamp">When the person opted out.</param>
/// <param name="Source">How they opted out, in the old system's words.</param>
/// <param name="List">The list the opt-out is limited to; account-wide when empty.</param>
/// <param name="Note">A note kept with the evidence.</param>
/// <param name="Problem">Why the row could not even be read (malformed JSON), or <see langword="null"/>.</param>
/// <param name="Skip">Why the row is not an opt-out at all (an outbound message, a status other than opt-out), or <see langword="null"/>.</param>
/// <param name="Text">The row as written in the file, for the rejects file.</param>
internal readonly record struct ImportRow(long Line, string? Number, string? Timestamp, string? Source, string? List, string? Note, string? Problem = null, string? Skip = null,
    string? Text = null);
