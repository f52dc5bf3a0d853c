using System.Collections.Concurrent;
using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Report cursors in process memory. Not durable.</summary>
internal sealed class InMemoryReportCursorStore : IReportCursorStore
{
    private readonly ConcurrentDictionary<string, ReportCursor> _cursors = new(StringComparer.Ordinal);

    public Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Task.FromResult(_cursors.TryGetValue(account.Value, out var cursor) ? cursor : null);
    }

    public Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateCursor(account, cursor);
        _cursors[account.Value] = cursor;
        return Task.CompletedTask;
    }
}
