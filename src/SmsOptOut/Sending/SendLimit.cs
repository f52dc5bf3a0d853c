namespace SmsOptOut.Sending;

/// <summary>One counter a reservation in <see cref="ISendLedger"/> must stay under. For storage adapter authors.</summary>
/// <param name="Counter">What is counted, within the account: <c>account</c>, <c>list:</c> and the list id, or <c>sender:</c> and the sending address; then <c>/</c> and the window in seconds.</param>
/// <param name="Messages">The most messages per recipient within <paramref name="Window"/>.</param>
/// <param name="Window">The rolling window: messages recorded after <c>now - Window</c> count.</param>
public sealed record SendLimit(string Counter, int Messages, TimeSpan Window);
