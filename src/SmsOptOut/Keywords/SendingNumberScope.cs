using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Keywords;

/// <summary>The suppression scope used when keywords apply per sending number (<see cref="KeywordScope.SendingNumber"/>).</summary>
public static class SendingNumberScope
{
    /// <summary>The list id under which opt-outs sent to <paramref name="sendingNumber"/> are recorded: <c>sender:+14155550100</c>.</summary>
    /// <param name="sendingNumber">The account's number the keyword was sent to.</param>
    /// <returns>The list id.</returns>
    public static ListId ListFor(PhoneNumber sendingNumber)
    {
        if (sendingNumber.IsEmpty)
        {
            throw new ArgumentException("The sending number is empty.", nameof(sendingNumber));
        }

        return new ListId("sender:" + sendingNumber.ToString());
    }
}
