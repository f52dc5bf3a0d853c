using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Keywords;

/// <summary>The suppression scope used when keywords apply per sending address (<see cref="KeywordScope.SendingNumber"/>).</summary>
public static class SendingNumberScope
{
    /// <summary>What every sender scope's list id starts with.</summary>
    public const string Prefix = "sender:";

    /// <summary>
    /// The list id under which opt-outs sent to <paramref name="sendingAddress"/> are recorded: <c>sender:</c> and the
    /// address's canonical text (<c>sender:+14155550100</c>, <c>sender:US:12345</c>, <c>sender:ACME</c>).
    /// </summary>
    /// <param name="sendingAddress">The account's address the keyword was sent to.</param>
    /// <returns>The list id.</returns>
    public static ListId ListFor(SenderAddress sendingAddress)
    {
        if (sendingAddress.IsEmpty)
        {
            throw new ArgumentException("The sending address is empty.", nameof(sendingAddress));
        }

        return new ListId(Prefix + sendingAddress.ToString());
    }

    /// <summary>The sending address a sender scope's list id names, or <see langword="null"/> when <paramref name="list"/> is not a sender scope.</summary>
    /// <param name="list">A list id.</param>
    /// <returns>The address.</returns>
    public static SenderAddress? SenderOf(ListId list) =>
        list.Value is { } value && value.StartsWith(Prefix, StringComparison.Ordinal)
            && SenderAddress.TryParse(value[Prefix.Length..], null, out var address) ? address : null;
}
