using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage;
using SmsOptOut.Tool.Hosting;

namespace SmsOptOut.Tool.Cli;

/// <summary>What a command runs with: SmsOptOut's services over the chosen storage, the account, and the output.</summary>
internal sealed class ToolContext : IAsyncDisposable
{
    private readonly ParseResult _result;
    private readonly GlobalOptions _options;

    private ToolContext(ParseResult result, GlobalOptions options, ServiceProvider services, TextWriter output, StorageSpec storage, IConfiguration configuration)
    {
        Storage = storage;
        Configuration = configuration;
        _result = result;
        _options = options;
        Services = services;
        Output = output;
    }

    public ServiceProvider Services { get; }

    /// <summary>The storage as named on the command line or in the configuration.</summary>
    public StorageSpec Storage { get; }

    /// <summary>The storage's kind, in words (SQLite, PostgreSQL, Redis).</summary>
    public string StorageName => Storage.DisplayName;

    /// <summary>The configuration: <c>--config</c>'s file and the environment.</summary>
    public IConfiguration Configuration { get; }

    public TextWriter Output { get; }

    public bool Json => _result.GetValue(_options.Json);

    /// <summary>The region national numbers are read in: <c>--region</c>, else the configuration's <c>SmsOptOut:DefaultRegion</c>.</summary>
    public string? Region => _result.GetValue(_options.Region)?.ToUpperInvariant() ?? Options.DefaultRegion;

    /// <summary>Whether the storage exists already: false for a SQLite file not created yet, which read commands then leave uncreated.</summary>
    public bool StorageExists => Storage.SqlitePath is not { } path || File.Exists(path);

    /// <summary>Builds SmsOptOut over the storage the options name. Nothing is opened until a command uses it.</summary>
    public static ToolContext Open(ParseResult result, GlobalOptions options, TextWriter output, Action<IServiceCollection>? configureServices = null)
    {
        var storage = result.GetValue(options.Storage);
        var file = result.GetValue(options.Config);
        var ns = result.GetValue(options.Schema) ?? result.GetValue(options.KeyPrefix);
        if (storage is null && file is null)
        {
            throw new ToolException($"No storage given; expected --storage {StorageSpec.Syntax}, or --config <appsettings.json>.");
        }

        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = ReadConfiguration(file);
        var builder = services.AddSmsOptOut(configuration.GetSection("SmsOptOut"));

        // A pseudonym key given by its secret alone (SmsOptOut__DataProtection__PseudonymKeys__0__Secret) gets the id of
        // its position plus one, so the environment variable the docs name works by itself; an explicit Id wins.
        services.PostConfigure<SmsOptOutOptions>(o =>
        {
            for (var i = 0; i < o.DataProtection.PseudonymKeys.Count; i++)
            {
                if (o.DataProtection.PseudonymKeys[i] is { Id: 0 } key && !string.IsNullOrEmpty(key.Secret))
                {
                    key.Id = i + 1;
                }
            }
        });

        // The providers that list their opt-outs, for reconcile: their sections as the WebApi sample reads them.
        if (configuration.GetSection("Telnyx") is { } telnyx && telnyx.Exists())
        {
            builder.AddTelnyx(telnyx);
        }

        if (configuration.GetSection("SmsTo") is { } smsTo && smsTo.Exists())
        {
            builder.AddSmsTo(smsTo);
        }

        StorageSpec spec;
        if (storage is not null)
        {
            spec = StorageSpec.Parse(storage, ns);
            spec.Register(builder);
        }
        else
        {
            spec = StorageSpec.RegisterFrom(configuration, file!, builder);
        }

        if (spec.SqlitePath is { } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            throw new ToolException($"{spec.Origin} names the SQLite file {path}, whose folder {folder} does not exist; create the folder or name a file in an existing one.");
        }

        configureServices?.Invoke(services);
        return new ToolContext(result, options, services.BuildServiceProvider(), output, spec, configuration);
    }

    /// <summary>
    /// The configuration: the file's, when given, overridden by environment variables (<c>SmsOptOut__DataProtection__PseudonymKeys__0__Secret</c>),
    /// so secrets such as pseudonym keys need not be written into a file.
    /// </summary>
    private static IConfiguration ReadConfiguration(string? file)
    {
        var configuration = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new ToolException($"--config {file}: no such file; expected an appsettings JSON file.");
            }

            configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        try
        {
            return configuration.AddEnvironmentVariables().Build();
        }
        catch (InvalidDataException e)
        {
            throw new ToolException($"--config {file} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The account id as typed, checked for form only.</summary>
    private AccountId ParseAccount(string command)
    {
        var text = _result.GetValue(_options.Account);
        if (string.IsNullOrEmpty(text))
        {
            throw new ToolException($"{command} works on one account; expected --account <id> (smsoptout accounts lists them).");
        }

        try
        {
            return new AccountId(text);
        }
        catch (ArgumentException e)
        {
            throw new ToolException($"--account '{text}' is not an account id: {e.Message}");
        }
    }

    /// <summary>
    /// The account the command works on, which must exist: hold data in the storage, or be named in the configuration
    /// (<c>SmsOptOut:Reports:Accounts</c>, <c>SmsOptOut:Reconciliation:Accounts</c>). An unknown one is refused with the
    /// known ones listed (exit code 2): a mistyped account would otherwise get the all-clear.
    /// </summary>
    /// <param name="command">The command, for the message.</param>
    /// <param name="mayBeNew">An import with <c>--create-account</c>: the account may be new.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<AccountId> AccountAsync(string command, bool mayBeNew = false, CancellationToken cancellationToken = default)
    {
        var account = ParseAccount(command);
        if (mayBeNew || await IsKnownAsync(account, cancellationToken).ConfigureAwait(false))
        {
            return account;
        }

        var known = await KnownAccountsAsync(cancellationToken).ConfigureAwait(false);
        var similar = known.Keys.FirstOrDefault(k => string.Equals(k, account.Value, StringComparison.OrdinalIgnoreCase));
        var listed = known.Count == 0 ? "it holds no account yet" : $"known accounts: {string.Join(", ", known.Keys)}";
        throw new ToolException($"--account '{account}' is not an account of this {StorageName} storage or the configuration ({listed})"
            + (similar is null ? string.Empty : $"; did you mean '{similar}'? (ids are case-sensitive)")
            + (command == "import" ? "; to import into a new account, add --create-account." : "."));
    }

    /// <summary>The account, when one was given; checked like <see cref="AccountAsync"/>.</summary>
    public async Task<AccountId?> OptionalAccountAsync(string command, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(_result.GetValue(_options.Account)) ? null : await AccountAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the account holds data in the storage or is named in the configuration.</summary>
    public async Task<bool> IsKnownAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        if (ConfiguredAccounts.Contains(account.Value, StringComparer.Ordinal))
        {
            return true;
        }

        if (!StorageExists)
        {
            return false;
        }

        return Services.GetService<IAccountDirectory>() is not { } directory || await directory.ContainsAsync(account, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The accounts named in the configuration: those with report settings or reconciled with their providers.</summary>
    public IReadOnlyList<string> ConfiguredAccounts
    {
        get
        {
            var options = Options;
            return [.. options.Reports.Accounts.Keys.Concat(options.Reconciliation.Accounts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Every known account, with where it is known from: <c>store</c>, <c>configuration</c> or <c>both</c>.</summary>
    public async Task<SortedDictionary<string, string>> KnownAccountsAsync(CancellationToken cancellationToken = default)
    {
        var known = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (StorageExists && Services.GetService<IAccountDirectory>() is { } directory)
        {
            await foreach (var account in directory.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
            {
                known[account.Value] = "store";
            }
        }

        foreach (var name in ConfiguredAccounts)
        {
            known[name] = known.ContainsKey(name) ? "both" : "configuration";
        }

        return known;
    }

    /// <summary>Parses a number the user typed, in the default region when it is national.</summary>
    public PhoneNumber Number(string text)
    {
        var region = Region;
        if (!PhoneNumber.TryParse(text.AsSpan(), region, out var number, out var error))
        {
            throw new ToolException(PhoneNumberErrorText.Describe(text, region, error)
                + (region is null ? " (--region, or SmsOptOut:DefaultRegion in --config)" : string.Empty));
        }

        return number;
    }

    /// <summary>The options SmsOptOut runs with, validated (the configuration file's mistakes surface here).</summary>
    public SmsOptOutOptions Options => Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
