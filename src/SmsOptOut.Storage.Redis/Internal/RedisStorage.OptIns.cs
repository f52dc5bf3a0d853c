using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>Opt-ins and double opt-in requests, one hash per record; every change is one script (see <see cref="RedisOptInScripts"/>).</summary>
internal sealed partial class RedisStorage
{
    public async Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInRequest(account, number, request, resendAfter);
        var database = await DatabaseAsync().ConfigureAwait(false);
        await RememberAsync(database, [account.Value]).ConfigureAwait(false);
        var result = (int)await RunAcknowledgedAsync(database, RedisOptInScripts.SaveRequest, AccountKey(account.Value),
        [
            .. OptInKey(account, number), Ticks(request.RequestedAt), Ticks(request.ExpiresAt), ConsentEvidenceJson.Serialize(request.Evidence) ?? string.Empty,
            Ticks(request.RequestedAt - resendAfter), Milliseconds(request.ExpiresAt),
        ]).ConfigureAwait(false);
        return (OptInRequestOutcome)result;
    }

    public async Task<OptInRecord?> ConfirmAsync(AccountId account, PhoneNumber number, DateTimeOffset now, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(evidence);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var result = await RunAcknowledgedAsync(database, RedisOptInScripts.Confirm, AccountKey(account.Value),
            [.. OptInKey(account, number), Ticks(now), ConsentEvidenceJson.Serialize(evidence) ?? string.Empty]).ConfigureAwait(false);
        return result.IsNull ? null : ReadOptIn(account, number, ((RedisResult[])result!).Select(r => (RedisValue)r).ToArray());
    }

    public async Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, OptInGrant grant, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInGrant(account, number, grant);
        var database = await DatabaseAsync().ConfigureAwait(false);
        await RememberAsync(database, [account.Value]).ConfigureAwait(false);
        return (int)await RunAcknowledgedAsync(database, RedisOptInScripts.RecordOptIn, AccountKey(account.Value),
        [
            .. OptInKey(account, number), Ticks(grant.At), ConsentEvidenceJson.Serialize(grant.Evidence) ?? string.Empty, (int)grant.Basis,
            grant.ExpiresAt is { } expires ? Ticks(expires) : string.Empty, grant.ExpiresAt is { } ms ? Milliseconds(ms) : 0,
        ]).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        return await RevokeManyAsync(account, new[] { number }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<int> RevokeManyAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateBatch(account, numbers);
        if (numbers.IsEmpty)
        {
            return 0;
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var arguments = new RedisValue[numbers.Length + 1];
        arguments[0] = AccountKey(account.Value);
        for (var i = 0; i < numbers.Length; i++)
        {
            arguments[i + 1] = numbers.Span[i].Value.ToString(CultureInfo.InvariantCulture);
        }

        return (int)await RunAcknowledgedAsync(database, RedisOptInScripts.RevokeMany, AccountKey(account.Value), arguments).ConfigureAwait(false);
    }

    public async Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var fields = await database.HashGetAllAsync(OptInHash(account, number)).ConfigureAwait(false);
        return fields.Length == 0 ? null : ReadOptIn(account, number, [.. fields.SelectMany(f => new[] { f.Name, f.Value })]);
    }

    public async Task GetStandingsAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptInStanding> standings, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateStandings(account, numbers, standings);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var batch = database.CreateBatch();
        var reads = new Task<RedisValue[]>[numbers.Length];
        RedisValue[] fields = ["level", "basis", "consent_expires_at"];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = batch.HashGetAsync(OptInHash(account, numbers.Span[i]), fields);
        }

        batch.Execute();
        await Task.WhenAll(reads).ConfigureAwait(false);
        for (var i = 0; i < reads.Length; i++)
        {
            var read = reads[i].Result;
            standings.Span[i] = read[0].IsNull ? default
                : new((OptInLevel)(int)read[0], read[1].IsNull ? ConsentBasis.Express : (ConsentBasis)(int)read[1], read[2].IsNullOrEmpty ? null : Instant(read[2]));
        }
    }

    public async IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, DateTimeOffset after, DateTimeOffset until,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int Page = 500;
        OptInStoreArguments.ValidateExpiringWindow(account, after, until);
        var database = await DatabaseAsync().ConfigureAwait(false);

        // The index is scored in milliseconds: read a millisecond either side, then hold each record to the exact window.
        var entries = await database.SortedSetRangeByScoreWithScoresAsync(AccountKey(account.Value) + ":oi:expiry",
            (double)Milliseconds(after) - 1, (double)Milliseconds(until) + 1).ConfigureAwait(false);
        var numbers = entries.Select(e => (e.Score, Number: ulong.Parse(e.Element.ToString(), CultureInfo.InvariantCulture)))
            .OrderBy(e => e.Score).ThenBy(e => e.Number).Select(e => e.Number).ToList();
        foreach (var chunk in numbers.Chunk(Page))
        {
            var batch = database.CreateBatch();
            var reads = chunk.Select(n => batch.HashGetAllAsync(OptInHash(account, PhoneNumber.FromValue(n)))).ToArray();
            batch.Execute();
            await Task.WhenAll(reads).ConfigureAwait(false);
            var records = chunk.Select((n, i) => reads[i].Result.Length == 0 ? null
                    : ReadOptIn(account, PhoneNumber.FromValue(n), [.. reads[i].Result.SelectMany(f => new[] { f.Name, f.Value })]))
                .OfType<OptInRecord>()
                .Where(r => r.Level == OptInLevel.OptedIn && r.ConsentExpiresAt > after && r.ConsentExpiresAt <= until)
                .OrderBy(r => r.ConsentExpiresAt).ThenBy(r => r.Number.Value);
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return record;
            }
        }
    }

    async Task<IReadOnlyList<AccountId>> IOptInStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await AccountsHoldingAsync(database, ":oi:" + number.Value.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    public async Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var purged = 0;
        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
        {
            if (purged == limit)
            {
                break;
            }

            purged += (int)await RunAsync(database, RedisOptInScripts.Purge, AccountKey(account), [AccountKey(account), Milliseconds(now), limit - purged]).ConfigureAwait(false);
        }

        return purged;
    }

    private RedisValue[] OptInKey(AccountId account, PhoneNumber number) => [AccountKey(account.Value), number.Value.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The accounts, in order, that hold the key with <paramref name="suffix"/> (asked of every account at once).</summary>
    private async Task<IReadOnlyList<AccountId>> AccountsHoldingAsync(IDatabase database, string suffix)
    {
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        var exists = await Task.WhenAll(accounts.Select(a => database.KeyExistsAsync(AccountKey(a) + suffix))).ConfigureAwait(false);
        return [.. accounts.Where((_, i) => exists[i]).Order(StringComparer.Ordinal).Select(a => new AccountId(a))];
    }

    private string OptInHash(AccountId account, PhoneNumber number) => AccountKey(account.Value) + ":oi:" + number.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A record from its hash, read as name, value pairs.</summary>
    private static OptInRecord ReadOptIn(AccountId account, PhoneNumber number, RedisValue[] pairs)
    {
        var fields = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            fields[pairs[i].ToString()] = pairs[i + 1];
        }

        RedisValue Field(string name) => fields.TryGetValue(name, out var value) ? value : RedisValue.Null;
        return new OptInRecord(account, number)
        {
            Level = (OptInLevel)(int)Field("level"),
            LevelAt = Field("level_at") is { IsNullOrEmpty: false } at ? Instant(at) : null,
            Evidence = ConsentEvidenceJson.Deserialize(Field("evidence")),
            Request = Field("requested_at") is { IsNullOrEmpty: false } requested
                ? new OptInConfirmationRequest(Instant(requested), Instant(Field("expires_at")), ConsentEvidenceJson.Deserialize(Field("request_evidence")))
                : null,
            Basis = Field("basis") is { IsNullOrEmpty: false } basis ? (ConsentBasis)(int)basis : ConsentBasis.Express,
            ConsentExpiresAt = Field("consent_expires_at") is { IsNullOrEmpty: false } expires ? Instant(expires) : null,
        };
    }
}
