using System.Globalization;
using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Providers;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The replay guard of provider webhooks and the reconciliation checkpoints.
/// <para>
/// A one-time value is one string, <c>{prefix:r:n}:value</c>, holding its expiry (UTC ticks, 19 digits). A value is
/// not an account's data (the guard runs before the request's account is known to the store), so it does not go under
/// an account's hash tag; nor under the deployment's <c>{prefix}</c>, which would put every webhook of every account on
/// one master. n (0 to 1,023) is a stable hash of the value: the values spread over a cluster's masters, and no text a
/// sender controls (a value may hold braces) chooses the slot. Using a value is one script on that one key, passed as
/// its key, so a cluster client sends it to the master that owns the slot: it sets the value unless one is there whose
/// expiry is after now. Redis runs one script at a time, so of concurrent uses exactly one sets it.
/// </para>
/// <para>
/// Expiry is judged in the script against the store's clock (<see cref="TimeProvider"/>), passed in, as the report claims
/// are, so every store treats time the same way. The key also carries a TTL: the time left by that clock plus
/// <see cref="ReplayKeyGrace"/> for clocks of instances that differ a little; so a value is gone by itself soon after it
/// expires, and <see cref="PurgeExpiredAsync"/> has nothing to do.
/// </para>
/// <para>
/// A checkpoint is a field of its account's hash <c>{prefix:a:account}:rcp</c> (field: the provider), holding
/// "saved-at ticks|checkpoint"; they are listed through the accounts set, as every cross-account reading is.
/// </para>
/// </summary>
internal sealed partial class RedisStorage
{
    /// <summary>How long a used value outlives its expiry as a key, for instances whose clocks run a little behind.</summary>
    private static readonly TimeSpan ReplayKeyGrace = TimeSpan.FromMinutes(1);

    /// <summary>How many slots the one-time values spread over (<c>{prefix:r:0}</c> to <c>{prefix:r:1023}</c>).</summary>
    private const int ReplayBuckets = 1_024;

    /// <summary>
    /// KEYS[1]: the value's key. ARGV: its expiry, now (both UTC ticks as 19 digits, so the strings compare as the
    /// instants do, exactly), and the key's TTL in milliseconds. 1 when the value was free (new, or its expiry at or
    /// before now) and is now used; 0 when a fresh one is there: a replay.
    /// </summary>
    private const string UseValueScript = """
        local held = redis.call('GET', KEYS[1])
        if held and held > ARGV[2] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """;

    public async ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        WebhookReplayGuardArguments.ValidateReplayKey(key);
        var now = _time.GetUtcNow();
        var left = expiresAt > now ? expiresAt - now : TimeSpan.Zero;
        var ttl = (long)Math.Ceiling((left + ReplayKeyGrace).TotalMilliseconds);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var used = await database.ScriptEvaluateAsync(UseValueScript, keys: [ReplayKey(key)], values: [FixedTicks(expiresAt), FixedTicks(now), ttl]).ConfigureAwait(false);
        return (long)used == 1;
    }

    public async ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.KeyDeleteAsync(ReplayKey(key)).ConfigureAwait(false);
    }

    /// <summary>Nothing to do: each value's key expires by itself shortly after the value does.</summary>
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ValueTask.FromResult(0);
    }

    public async Task<string?> GetCheckpointAsync(AccountId account, string provider, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpointKey(account, provider);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = await database.HashGetAsync(AccountKey(account.Value) + ":rcp", provider).ConfigureAwait(false);
        return value.IsNull ? null : ReadCheckpoint(value).Checkpoint;
    }

    public async Task SaveCheckpointAsync(AccountId account, string provider, string checkpoint, DateTimeOffset savedAt, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpoint(account, provider, checkpoint);
        var database = await DatabaseAsync().ConfigureAwait(false);
        await RememberAsync(database, [account.Value]).ConfigureAwait(false);
        await database.HashSetAsync(AccountKey(account.Value) + ":rcp", provider, Ticks(savedAt) + "|" + checkpoint).ConfigureAwait(false);
    }

    /// <summary>Every account's checkpoints, the accounts' hashes read all at once.</summary>
    public async IAsyncEnumerable<StoredReconciliationCheckpoint> ListCheckpointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        var saved = await Task.WhenAll(accounts.Select(a => database.HashGetAllAsync(AccountKey(a) + ":rcp"))).ConfigureAwait(false);
        for (var i = 0; i < accounts.Length; i++)
        {
            foreach (var entry in saved[i])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (at, checkpoint) = ReadCheckpoint(entry.Value);
                yield return new StoredReconciliationCheckpoint(new AccountId(accounts[i]), (string)entry.Name!, checkpoint, at);
            }
        }
    }

    /// <summary>The key of a one-time value: <c>{prefix:r:n}:value</c>, n a stable hash of the value (FNV-1a over its UTF-16 code units).</summary>
    private string ReplayKey(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return "{" + _options.KeyPrefix + ":r:" + (hash % ReplayBuckets).ToString(CultureInfo.InvariantCulture) + "}:" + key;
    }

    /// <summary>UTC ticks as 19 digits: such strings order as the instants do.</summary>
    private static string FixedTicks(DateTimeOffset value) => StoredValues.Ticks(value).ToString("D19", CultureInfo.InvariantCulture);

    private static (DateTimeOffset SavedAt, string Checkpoint) ReadCheckpoint(RedisValue value)
    {
        var text = (string)value!;
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return (StoredValues.Instant(long.Parse(text.AsSpan(0, bar), CultureInfo.InvariantCulture)), text[(bar + 1)..]);
    }
}
