using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>The keyword reply ledger (one answer per number per quiet period) and the report cursors with their claims.</summary>
internal sealed partial class DictionaryStorage
{
    public Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default)
    {
        KeywordReplyLedgerArguments.ValidateReply(account, number, quietPeriod);
        lock (_gate)
        {
            var replies = State(account).LastReplies;
            if (replies.TryGetValue(number.Value, out var last) && last > now - quietPeriod)
            {
                return Task.FromResult(false);
            }

            replies[number.Value] = now;
            return Task.FromResult(true);
        }
    }

    public Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(account.Value)?.ReportCursor);
        }
    }

    public Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateCursor(account, cursor);
        lock (_gate)
        {
            State(account).ReportCursor = cursor;
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryClaimAsync(AccountId account, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateClaim(account, owner, lease);
        lock (_gate)
        {
            var state = State(account);
            if (state.ReportClaim is { } held && held.Owner != owner && held.Until > now)
            {
                return Task.FromResult(false);
            }

            state.ReportClaim = (owner, now + lease);
            return Task.FromResult(true);
        }
    }
}
