using Microsoft.Extensions.Configuration;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Providers.Internal;

namespace SmsOptOut.Accounts.Internal;

/// <summary>
/// Resolves each account's settings: the <see cref="IAccountSettingsSource"/> first, then
/// <see cref="SmsOptOutOptions.Accounts"/>; applied over a fresh copy of the global options (the options factory runs
/// every global configuration again), then the account's configuration section, its code, its report settings; checked
/// by every <see cref="IValidateOptions{TOptions}"/> of the options and the account rules. Each result — failures too,
/// so a broken tenant is not read again on every message — is cached for
/// <see cref="SmsOptOutOptions.AccountSettingsLifetime"/>; a reload of the options forgets them all.
/// </summary>
internal sealed class AccountSettingsResolver : IAccountSettingsResolver, IDisposable
{
    private readonly IOptionsMonitor<SmsOptOutOptions> _monitor;
    private readonly IOptionsFactory<SmsOptOutOptions> _factory;
    private readonly IValidateOptions<SmsOptOutOptions>[] _validators;
    private readonly IReadOnlyCollection<string> _providers;
    private readonly IAccountSettingsSource? _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SmsOptOutMetrics? _metrics;
    private readonly ConcurrentDictionary<AccountId, Entry> _cache = new();
    private readonly ConcurrentDictionary<string, bool> _logged = new(StringComparer.Ordinal);
    private readonly IDisposable? _reload;

    public AccountSettingsResolver(
        IOptionsMonitor<SmsOptOutOptions> monitor,
        IOptionsFactory<SmsOptOutOptions> factory,
        IEnumerable<IValidateOptions<SmsOptOutOptions>> validators,
        IOptions<ProviderNames> providers,
        TimeProvider time,
        ILogger<AccountSettingsResolver> logger,
        SmsOptOutMetrics? metrics = null,
        IAccountSettingsSource? source = null)
    {
        _monitor = monitor;
        _factory = factory;
        _validators = [.. validators];
        _providers = providers.Value.Names;
        _source = source;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _reload = monitor.OnChange((_, _) => InvalidateAll());
    }

    public bool HasAccounts => _source is not null || _monitor.CurrentValue.Accounts.Count > 0;

    public async ValueTask<ResolvedAccountSettings> GetAsync(AccountId account, CancellationToken cancellationToken = default) =>
        (await EntryAsync(account, throwOnError: true, cancellationToken).ConfigureAwait(false)).Settings;

    /// <summary>The account's resolved settings, with what it changes of a provider's options (cached with them).</summary>
    public async ValueTask<TOptions?> GetProviderOptionsAsync<TOptions>(AccountId account, string provider, Action<IConfiguration, TOptions>? bind, IOptionsFactory<TOptions> factory, CancellationToken cancellationToken)
        where TOptions : class
    {
        // An account whose other settings are invalid still has its provider credentials: its webhooks are verified
        // (and its opt-outs recorded) with them; the provider's validator judges them on their own.
        var entry = await EntryAsync(account, throwOnError: false, cancellationToken).ConfigureAwait(false);
        if (entry.Own is not { } own)
        {
            return null;
        }

        var section = own.Configuration?.GetChildren().FirstOrDefault(c => string.Equals(c.Key, provider, StringComparison.OrdinalIgnoreCase));
        var code = own.ProviderOverride(typeof(TOptions));
        if (section is null && code is null)
        {
            return null;
        }

        if (section is not null && bind is null)
        {
            throw new AccountSettingsException(account, [$"{section.Path}: the {provider} provider reads no per-account configuration; give the account's {typeof(TOptions).Name} with AccountSettings.ConfigureProvider or UseProviderOptions."]);
        }

        return (TOptions)entry.Providers.GetOrAdd(typeof(TOptions), _ =>
        {
            var options = factory.Create(Options.DefaultName);
            if (section is not null)
            {
                bind!(section, options);
            }

            code?.Invoke(options);
            return options;
        });
    }

    public async ValueTask<AccountId?> FindAccountAsync(SenderAddress recipient, CancellationToken cancellationToken = default)
    {
        if (_source is not null && await _source.FindAccountAsync(recipient, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        foreach (var (id, settings) in _monitor.CurrentValue.Accounts)
        {
            if (settings.InboundAddresses.Contains(recipient))
            {
                return new AccountId(id);
            }
        }

        return null;
    }

    /// <summary>Every account with settings of its own: the source's, then the configured ones.</summary>
    public async IAsyncEnumerable<AccountId> GetAccountsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<AccountId>();
        if (_source is not null)
        {
            await foreach (var account in _source.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(account))
                {
                    yield return account;
                }
            }
        }

        foreach (var id in _monitor.CurrentValue.Accounts.Keys)
        {
            if (seen.Add(new AccountId(id)))
            {
                yield return new AccountId(id);
            }
        }
    }

    public void Invalidate(AccountId account) => _cache.TryRemove(account, out _);

    public void InvalidateAll() => _cache.Clear();

    public void Dispose() => _reload?.Dispose();

    private async ValueTask<Entry> EntryAsync(AccountId account, bool throwOnError, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(account, out var cached) && cached.Expires > now)
        {
            return cached.Error is { } error && throwOnError ? throw error : cached;
        }

        var global = _monitor.CurrentValue;
        var own = (_source is null ? null : await _source.GetSettingsAsync(account, cancellationToken).ConfigureAwait(false))
            ?? (global.Accounts.TryGetValue(account.Value, out var configured) ? configured : null);
        var entry = own is null
            ? new Entry(new ResolvedAccountSettings(account, false, null, global), null, null, now + global.AccountSettingsLifetime)
            : Build(account, own, global, now);
        _cache[account] = entry;
        return entry.Error is { } failed && throwOnError ? throw failed : entry;
    }

    private Entry Build(AccountId account, AccountSettings own, SmsOptOutOptions global, DateTimeOffset now)
    {
        var failures = new List<string>();
        var options = _factory.Create(Options.DefaultName);
        if (own.Configuration is { } section)
        {
            AccountConfiguration.Apply(account.Value, section, options, _providers, failures);
        }

        if (failures.Count == 0)
        {
            try
            {
                own.Configure?.Invoke(options);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
            {
                failures.Add($"its Configure threw: {e.Message}");
            }

            if (own.Reports is { } reports)
            {
                options.Reports.Accounts[account.Value] = reports;
            }

            foreach (var validator in _validators)
            {
                if (validator.Validate(Options.DefaultName, options) is { Failed: true, Failures: { } found })
                {
                    failures.AddRange(found);
                }
            }

            AccountRules.Check(options, global, failures);
        }

        AccountLanguages.Check(own, failures);
        var brand = AccountConfiguration.ReadBrand(own.Configuration, own.Brand, failures);
        AccountBrandRules.Check(brand, failures);
        var resolved = new ResolvedAccountSettings(account, true, own.DisplayName, options) { Brand = brand, Language = own.Language, Languages = [.. own.Languages] };
        if (failures.Count == 0)
        {
            return new Entry(resolved, own, null, now + global.AccountSettingsLifetime);
        }

        var error = new AccountSettingsException(account, failures);
        _metrics?.AccountSettingsInvalid();
        if (_logged.TryAdd(error.Message, true))
        {
            Log.AccountSettingsInvalid(_logger, account.Value, string.Join("; ", failures));
        }

        return new Entry(resolved, own, error, now + global.AccountSettingsLifetime);
    }

    /// <summary>One cached account.</summary>
    private sealed record Entry(ResolvedAccountSettings Settings, AccountSettings? Own, AccountSettingsException? Error, DateTimeOffset Expires)
    {
        public ConcurrentDictionary<Type, object> Providers { get; } = new();
    }
}
