namespace SmsOptOut.Reports;

/// <summary>A file attached to an <see cref="EmailMessage"/>.</summary>
/// <param name="FileName">The file name, for example <c>opt-outs.csv</c>.</param>
/// <param name="ContentType">The media type, for example <c>text/csv</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record EmailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
