using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// "I changed my mind" is an undo, not a re-subscribe link: it reverses only the opt-out made through the same link, only
/// while that opt-out is the number's latest consent event and younger than the window, and only with the undo code that
/// the confirmation page alone carries. Whoever merely saw the URL (a scanner, a preview service, a log reader) cannot
/// re-subscribe anyone.
/// </summary>
internal static class LinkUndo
{
    /// <summary>The opt-out this link made, when it can still be undone at <paramref name="now"/>.</summary>
    public static async Task<ConsentEvent?> FindUndoableAsync(ISuppressionStore store, AccountId account, Numbers.PhoneNumber number, string token,
        TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero)
        {
            return null;
        }

        ConsentEvent? latest = null;
        await foreach (var e in store.GetHistoryAsync(account, number, cancellationToken).ConfigureAwait(false))
        {
            latest = e;
        }

        return latest is { Kind: ConsentKind.OptOut, Source: OptOutSource.OptOutLink } made
            && string.Equals(made.Evidence.LinkToken, token, StringComparison.Ordinal)
            && made.RecordedAt <= now && now - made.RecordedAt < window
            ? made
            : null;
    }

    /// <summary>The code the confirmation page posts back: derived from the opt-out's event id, which only that page shows.</summary>
    public static string Code(ConsentEvent optOut, string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"smsoptout-undo\n{optOut.EventId}\n{token}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    public static bool Matches(ConsentEvent optOut, string token, string? presented) =>
        presented is { Length: 32 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(optOut, token)), Encoding.ASCII.GetBytes(presented));
}
