using SmsOptOut.Consent;

namespace SmsOptOut.Reports;

/// <summary>
/// Exports an account's consent events in a time range, streamed from the store to a stream in constant memory:
/// CSV (RFC 4180, with a header) or JSON Lines (one event per line).
/// </summary>
public interface IConsentExporter
{
    /// <summary>Writes the events recorded after <paramref name="recordedAfter"/> and at or before <paramref name="recordedUntil"/> as CSV.</summary>
    /// <param name="account">The account.</param>
    /// <param name="recordedAfter">Start of the range (exclusive).</param>
    /// <param name="recordedUntil">End of the range (inclusive).</param>
    /// <param name="destination">Where the UTF-8 text goes; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many events were written.</returns>
    Task<long> WriteCsvAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Writes the events recorded after <paramref name="recordedAfter"/> and at or before <paramref name="recordedUntil"/> as JSON Lines.</summary>
    /// <param name="account">The account.</param>
    /// <param name="recordedAfter">Start of the range (exclusive).</param>
    /// <param name="recordedUntil">End of the range (inclusive).</param>
    /// <param name="destination">Where the UTF-8 text goes; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many events were written.</returns>
    Task<long> WriteJsonLinesAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, Stream destination, CancellationToken cancellationToken = default);
}
