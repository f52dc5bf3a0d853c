using Microsoft.Extensions.Options;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Links.Internal;

/// <summary>
/// Issues and verifies opt-out links in both modes. A verifier accepts tokens of either mode, so switching modes keeps
/// old links working. Each link starts with its account's <c>LinkBaseUrl</c> (its link domain), the global one for an
/// account without its own.
/// </summary>
internal sealed class OptOutLinkService(
    IOptions<SmsOptOutOptions> options,
    IOptOutLinkTokenStore store,
    LinkKeyRing keys,
    TimeProvider timeProvider,
    IAccountSettingsResolver accounts) : IOptOutLinkGenerator, IOptOutLinkVerifier
{
    private const int MaxIssueRounds = 5;
    private readonly SmsOptOutOptions _options = options.Value;

    public async Task<OptOutLink> CreateAsync(OptOutLinkTarget target, CancellationToken cancellationToken = default) =>
        (await CreateManyAsync([target], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<OptOutLink>> CreateManyAsync(IReadOnlyList<OptOutLinkTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            Validate(target);
        }

        var baseUrl = await BaseUrlsAsync(targets, cancellationToken).ConfigureAwait(false);

        var now = timeProvider.GetUtcNow();
        return _options.Links.Mode == OptOutLinkMode.Stateless
            ? CreateStateless(targets, baseUrl, now)
            : await CreateStoredAsync(targets, baseUrl, now, cancellationToken).ConfigureAwait(false);
    }

    public int GetLinkLength(OptOutLinkTarget target)
    {
        Validate(target);
        var own = accounts.HasAccounts ? accounts.GetAsync(target.Account) : default;
        var options = !accounts.HasAccounts ? _options
            : own.IsCompletedSuccessfully ? own.Result.Options
            : own.AsTask().GetAwaiter().GetResult().Options; // a source that reads a database; the result is cached for the send that follows
        return BaseUrl(options.LinkBaseUrl).Length + (_options.Links.Mode == OptOutLinkMode.Stateless
            ? StatelessTokenCodec.TokenLength(target)
            : _options.Links.TokenLength);
    }

    public async Task<OptOutLinkTarget?> VerifyAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || !Base62.IsBase62(token))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        // Stored tokens are at most LinkTokenStoreArguments.MaxStoredTokenLength characters; every stateless token is longer.
        if (token.Length <= LinkTokenStoreArguments.MaxStoredTokenLength)
        {
            var stored = await store.FindAsync(token, now, cancellationToken).ConfigureAwait(false);
            return stored?.Target;
        }

        return StatelessTokenCodec.TryDecode(keys, token, out var target, out var expiresAt) && expiresAt > now ? target : null;
    }

    private List<OptOutLink> CreateStateless(IReadOnlyList<OptOutLinkTarget> targets, Func<AccountId, string> baseUrl, DateTimeOffset now)
    {
        var key = keys.Active ?? throw new InvalidOperationException(
            "Stateless opt-out links need a signing key: add one to SmsOptOutOptions.Links.SigningKeys (base64, at least 32 bytes).");
        var expiresAt = StatelessTokenCodec.RoundExpiry(now + _options.Links.Lifetime);
        var links = new List<OptOutLink>(targets.Count);
        foreach (var target in targets)
        {
            var token = StatelessTokenCodec.Encode(key, target, expiresAt);
            links.Add(new OptOutLink(token, baseUrl(target.Account) + token, expiresAt, target));
        }

        return links;
    }

    private async Task<OptOutLink[]> CreateStoredAsync(IReadOnlyList<OptOutLinkTarget> targets, Func<AccountId, string> baseUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expiresAt = now + _options.Links.Lifetime;
        var records = new StoredLinkToken[targets.Count];
        var tokens = Base62.Random(records.Length, _options.Links.TokenLength);
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new StoredLinkToken(tokens[i], targets[i], expiresAt);
        }

        IReadOnlyList<StoredLinkToken> pending = records;
        for (var round = 0; pending.Count > 0; round++)
        {
            if (round == MaxIssueRounds)
            {
                throw new InvalidOperationException(
                    $"Could not issue {pending.Count} unique opt-out tokens after {MaxIssueRounds} attempts; is the token store returning every token as taken?");
            }

            var taken = await store.AddAsync(pending, cancellationToken).ConfigureAwait(false);
            if (taken.Count == 0)
            {
                break;
            }

            var retry = new List<StoredLinkToken>(taken.Count);
            var takenSet = taken.ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < records.Length; i++)
            {
                if (takenSet.Contains(records[i].Token))
                {
                    records[i] = records[i] with { Token = Base62.Random(_options.Links.TokenLength) };
                    retry.Add(records[i]);
                }
            }

            pending = retry;
        }

        return Array.ConvertAll(records, r => new OptOutLink(r.Token, baseUrl(r.Target.Account) + r.Token, r.ExpiresAt, r.Target));
    }

    /// <summary>Each target's account's base URL, each account resolved once.</summary>
    private async ValueTask<Func<AccountId, string>> BaseUrlsAsync(IReadOnlyList<OptOutLinkTarget> targets, CancellationToken cancellationToken)
    {
        if (!accounts.HasAccounts)
        {
            var global = BaseUrl(_options.LinkBaseUrl);
            return _ => global;
        }

        var bases = new Dictionary<AccountId, string>();
        foreach (var target in targets)
        {
            if (!bases.ContainsKey(target.Account))
            {
                bases[target.Account] = BaseUrl((await accounts.GetAsync(target.Account, cancellationToken).ConfigureAwait(false)).Options.LinkBaseUrl);
            }
        }

        return account => bases[account];
    }

    private static string BaseUrl(Uri? linkBaseUrl) => linkBaseUrl?.OriginalString ?? throw new InvalidOperationException(
        "Opt-out links need SmsOptOutOptions.LinkBaseUrl, the absolute URL the token is appended to (for example https://opt.example.com/u/).");

    private static void Validate(OptOutLinkTarget target)
    {
        StoreArguments.ValidateAccount(target.Account);
        if (target.List.Value is null)
        {
            throw new ArgumentException("An opt-out link needs the list the message goes to; the link is a list feature.", nameof(target));
        }

        if (target.Number.IsEmpty)
        {
            throw new ArgumentException("An opt-out link needs the recipient's number.", nameof(target));
        }
    }
}
