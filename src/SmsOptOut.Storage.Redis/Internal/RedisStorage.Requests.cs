using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Data-subject requests. They belong to the deployment, not to an account (a request may concern every account), so
/// they sit under the deployment's hash tag, as the accounts set and the Do-Not-Call registry do: a hash per request,
/// <c>{prefix}:dsr:r:reference</c> (the tag is the first braces, so no reference can move the key to another slot),
/// and the open ones in the sorted set <c>{prefix}:dsr:open</c>, scored by their deadline in milliseconds. Each change
/// is one script over those keys in that one slot, so it is atomic on a cluster too; requests are few, so one slot holds
/// them comfortably.
/// </summary>
internal sealed partial class RedisStorage
{
    /// <summary>ARGV: root, reference, kind, law, received, due (ticks), the deadline's score, the account or empty, 1 when there is an account. 1 when added, 0 when the reference exists.</summary>
    private const string AddRequestScript = """
        local key = ARGV[1] .. ':dsr:r:' .. ARGV[2]
        if redis.call('EXISTS', key) == 1 then return 0 end
        redis.call('HSET', key, 'kind', ARGV[3], 'law', ARGV[4], 'received', ARGV[5], 'due', ARGV[6])
        if ARGV[9] == '1' then redis.call('HSET', key, 'account', ARGV[8]) end
        redis.call('ZADD', ARGV[1] .. ':dsr:open', ARGV[7], ARGV[2])
        return 1
        """;

    /// <summary>ARGV: root, reference, extended due (ticks), reason, the new deadline's score. 1 when extended; 0 when missing, closed or extended already.</summary>
    private const string ExtendRequestScript = """
        local key = ARGV[1] .. ':dsr:r:' .. ARGV[2]
        if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'closed') == 1 or redis.call('HEXISTS', key, 'ext') == 1 then return 0 end
        redis.call('HSET', key, 'ext', ARGV[3], 'extr', ARGV[4])
        redis.call('ZADD', ARGV[1] .. ':dsr:open', ARGV[5], ARGV[2])
        return 1
        """;

    /// <summary>ARGV: root, reference, closed (ticks), resolution. 1 when closed; 0 when missing or closed already.</summary>
    private const string CloseRequestScript = """
        local key = ARGV[1] .. ':dsr:r:' .. ARGV[2]
        if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'closed') == 1 then return 0 end
        redis.call('HSET', key, 'closed', ARGV[3], 'res', ARGV[4])
        redis.call('ZREM', ARGV[1] .. ':dsr:open', ARGV[2])
        return 1
        """;

    private static readonly RedisValue[] RequestFields = ["kind", "law", "account", "received", "due", "ext", "extr", "closed", "res"];

    public async Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequest(request);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await RunAcknowledgedAsync(database, AddRequestScript, _root,
        [
            _root, request.Reference, (int)request.Kind, (int)request.Law, Ticks(request.ReceivedAt), Ticks(request.DueAt), Milliseconds(request.DueAt),
            request.Account?.Value ?? string.Empty, request.Account is null ? "0" : "1",
        ]).ConfigureAwait(false) == 1;
    }

    public async Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestReference(reference);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return ReadRequest(reference, await database.HashGetAsync(RequestKey(reference), RequestFields).ConfigureAwait(false));
    }

    public async Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, reason);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await RunAcknowledgedAsync(database, ExtendRequestScript, _root,
            [_root, reference, Ticks(extendedDueAt), reason, Milliseconds(extendedDueAt)]).ConfigureAwait(false) == 1;
    }

    public async Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, resolution);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await RunAcknowledgedAsync(database, CloseRequestScript, _root, [_root, reference, Ticks(closedAt), resolution]).ConfigureAwait(false) == 1;
    }

    /// <summary>The open set's members, each read whole; ordered again by the exact deadline (the score holds milliseconds).</summary>
    public async IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var references = await database.SortedSetRangeByRankAsync(_root + ":dsr:open").ConfigureAwait(false);
        var reads = references.Select(r => (Reference: (string)r!, Fields: database.HashGetAsync(RequestKey((string)r!), RequestFields))).ToList();
        var open = new List<DataSubjectRequestRecord>(reads.Count);
        foreach (var (reference, fields) in reads)
        {
            // A request closed between the two reads is left out, as it would be a moment later.
            if (ReadRequest(reference, await fields.ConfigureAwait(false)) is { IsOpen: true } request)
            {
                open.Add(request);
            }
        }

        foreach (var request in open.OrderBy(r => r.Deadline).ThenBy(r => r.Reference, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return request;
        }
    }

    private string RequestKey(string reference) => _root + ":dsr:r:" + reference;

    private static DataSubjectRequestRecord? ReadRequest(string reference, RedisValue[] fields) => fields[0].IsNull ? null
        : new DataSubjectRequestRecord(reference, (DataSubjectRequestKind)(int)fields[0], (DataProtectionLaw)(int)fields[1], Instant(fields[3]), Instant(fields[4]))
        {
            Account = fields[2].IsNull ? null : new AccountId((string)fields[2]!),
            ExtendedDueAt = fields[5].IsNull ? null : Instant(fields[5]),
            ExtensionReason = (string?)fields[6],
            ClosedAt = fields[7].IsNull ? null : Instant(fields[7]),
            Resolution = (string?)fields[8],
        };
}
