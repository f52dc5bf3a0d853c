using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Links.Internal;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.InMemory;

/// <summary>
/// Stored-mode link tokens in process memory, behind one lock (token reads are rare: one per link click). Not durable.
/// Tokens of up to 10 characters (the default length) are packed into 64 bits and their records hold no reference:
/// about 40 bytes per token, and nothing the garbage collector has to trace, so a million issued links stay cheap.
/// </summary>
internal sealed class InMemoryLinkTokenStore : IOptOutLinkTokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, Entry> _packed = [];
    private readonly Dictionary<string, Entry> _long = new(StringComparer.Ordinal);
    private readonly Dictionary<Scope, int> _scopeIds = [];
    private readonly List<Scope> _scopes = [];
    private int _lastScopeId = -1;

    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        LinkTokenStoreArguments.Validate(tokens);
        List<string>? taken = null;
        lock (_gate)
        {
            foreach (var token in tokens)
            {
                var entry = new Entry(token.Target.Number.Value, token.ExpiresAt.UtcTicks, ScopeId(token.Target));
                var added = Base62.TryPack(token.Token, out var packed) ? _packed.TryAdd(packed, entry) : _long.TryAdd(token.Token, entry);
                if (!added)
                {
                    (taken ??= []).Add(token.Token);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(taken ?? (IReadOnlyList<string>)[]);
    }

    public Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            var found = Base62.TryPack(token, out var packed) ? _packed.TryGetValue(packed, out var entry) : _long.TryGetValue(token, out entry);
            if (!found || entry.ExpiresAtUtcTicks <= now.UtcTicks)
            {
                return Task.FromResult<StoredLinkToken?>(null);
            }

            var scope = _scopes[entry.Scope];
            var target = new OptOutLinkTarget(scope.Account, scope.List, PhoneNumber.FromValue(entry.Number), scope.Campaign);
            return Task.FromResult<StoredLinkToken?>(new StoredLinkToken(token, target, new DateTimeOffset(entry.ExpiresAtUtcTicks, TimeSpan.Zero)));
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var cutoff = now.UtcTicks;
        lock (_gate)
        {
            return Task.FromResult(RemoveExpired(_packed, cutoff) + RemoveExpired(_long, cutoff));
        }
    }

    /// <summary>How many tokens are kept, expired or not.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _packed.Count + _long.Count;
            }
        }
    }

    /// <summary>The tokens issued to a number in an account, expired or not.</summary>
    public IReadOnlyList<StoredLinkToken> TokensOf(AccountId account, PhoneNumber number)
    {
        lock (_gate)
        {
            var found = new List<StoredLinkToken>();
            foreach (var (packed, entry) in _packed)
            {
                if (Belongs(entry, account, number))
                {
                    found.Add(ToToken(Base62.Unpack(packed), entry));
                }
            }

            foreach (var (token, entry) in _long)
            {
                if (Belongs(entry, account, number))
                {
                    found.Add(ToToken(token, entry));
                }
            }

            return found;
        }
    }

    /// <summary>The accounts that issued tokens to a number.</summary>
    public IReadOnlyList<AccountId> AccountsOf(PhoneNumber number)
    {
        lock (_gate)
        {
            return [.. _packed.Values.Concat(_long.Values).Where(e => e.Number == number.Value).Select(e => _scopes[e.Scope].Account).Distinct()];
        }
    }

    /// <summary>Deletes the tokens issued to a number in an account; returns how many.</summary>
    public int RemoveNumber(AccountId account, PhoneNumber number)
    {
        lock (_gate)
        {
            return RemoveWhere(_packed, e => Belongs(e, account, number)) + RemoveWhere(_long, e => Belongs(e, account, number));
        }
    }

    private static int RemoveExpired<TKey>(Dictionary<TKey, Entry> tokens, long cutoffUtcTicks)
        where TKey : notnull => RemoveWhere(tokens, e => e.ExpiresAtUtcTicks <= cutoffUtcTicks);

    private static int RemoveWhere<TKey>(Dictionary<TKey, Entry> tokens, Func<Entry, bool> condition)
        where TKey : notnull
    {
        var removed = 0;
        foreach (var (key, entry) in tokens)
        {
            // Removing the current entry while enumerating is allowed for Dictionary<TKey, TValue>.
            if (condition(entry) && tokens.Remove(key))
            {
                removed++;
            }
        }

        return removed;
    }

    private bool Belongs(Entry entry, AccountId account, PhoneNumber number) => entry.Number == number.Value && _scopes[entry.Scope].Account == account;

    private StoredLinkToken ToToken(string token, Entry entry)
    {
        var scope = _scopes[entry.Scope];
        return new StoredLinkToken(token, new OptOutLinkTarget(scope.Account, scope.List, PhoneNumber.FromValue(entry.Number), scope.Campaign),
            new DateTimeOffset(entry.ExpiresAtUtcTicks, TimeSpan.Zero));
    }

    private int ScopeId(OptOutLinkTarget target)
    {
        var scope = new Scope(target.Account, target.List, target.Campaign);
        if (_lastScopeId >= 0 && _scopes[_lastScopeId] == scope)
        {
            return _lastScopeId; // a batch is one list send: every token shares its scope
        }

        if (!_scopeIds.TryGetValue(scope, out var id))
        {
            id = _scopes.Count;
            _scopes.Add(scope);
            _scopeIds.Add(scope, id);
        }

        _lastScopeId = id;
        return id;
    }

    /// <summary>The part of a target many tokens share: kept once, referenced by index.</summary>
    private readonly record struct Scope(AccountId Account, ListId List, CampaignId? Campaign);

    /// <summary>One token's record: no reference inside, so a large table is invisible to the garbage collector's marking.</summary>
    private readonly record struct Entry(ulong Number, long ExpiresAtUtcTicks, int Scope);
}
