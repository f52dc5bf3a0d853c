using System.Collections.Concurrent;
using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Report cursors in process memory. Not durable.</summary>
internal sealed class InMemoryReportCursorStore : IReportCursorStore
{
    private readonly ConcurrentDictionary<string, ReportCursor> _cursors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _claims = new(StringComparer.Ordinal);

    public Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Task.FromResult(_cursors.TryGetValue(account.Value, out var cursor) ? cursor : null);
    }

    public Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateCursor(account, cursor);
        _cursors[account.Value] = cursor;
        return Task.CompletedTask;
    }

    public Task<bool> TryClaimAsync(AccountId account, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateClaim(account, owner, lease);
        lock (_claims)
        {
            if (_claims.TryGetValue(account.Value, out var held) && held.Owner != owner && held.Until > now)
            {
                return Task.FromResult(false);
            }

            _claims[account.Value] = (owner, now + lease);
            return Task.FromResult(true);
        }
    }
}
