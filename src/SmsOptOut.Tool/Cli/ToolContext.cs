using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Tool.Hosting;

namespace SmsOptOut.Tool.Cli;

/// <summary>What a command runs with: SmsOptOut's services over the chosen storage, the account, and the output.</summary>
internal sealed class ToolContext : IAsyncDisposable
{
    private readonly ParseResult _result;
    private readonly GlobalOptions _options;

    private ToolContext(ParseResult result, GlobalOptions options, ServiceProvider services, TextWriter output, string storageName)
    {
        StorageName = storageName;
        _result = result;
        _options = options;
        Services = services;
        Output = output;
    }

    public ServiceProvider Services { get; }

    /// <summary>The storage's kind, in words (SQLite, PostgreSQL, Redis).</summary>
    public string StorageName { get; }

    public TextWriter Output { get; }

    public bool Json => _result.GetValue(_options.Json);

    public string? Region => _result.GetValue(_options.Region)?.ToUpperInvariant();

    /// <summary>Builds SmsOptOut over the storage the options name. Nothing is opened until a command uses it.</summary>
    public static ToolContext Open(ParseResult result, GlobalOptions options, TextWriter output, Action<SmsOptOutOptions>? configure = null)
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
        var configuration = Configuration(file);
        var builder = services.AddSmsOptOut(configuration.GetSection("SmsOptOut"), o => configure?.Invoke(o));
        // The providers that list their opt-outs, for reconcile: their sections as the WebApi sample reads them.
        if (configuration.GetSection("Telnyx") is { } telnyx && telnyx.Exists())
        {
            builder.UseTelnyx(telnyx);
        }

        if (configuration.GetSection("SmsTo") is { } smsTo && smsTo.Exists())
        {
            builder.UseSmsTo(smsTo);
        }
        var storageName = storage is null ? StorageSpec.RegisterFrom(configuration, file!, builder) : string.Empty;
        if (storage is not null)
        {
            var spec = StorageSpec.Parse(storage, ns);
            spec.Register(builder);
            storageName = spec.DisplayName;
        }

        return new ToolContext(result, options, services.BuildServiceProvider(), output, storageName);
    }

    /// <summary>
    /// The configuration: the file's, when given, overridden by environment variables (<c>SmsOptOut__DataProtection__PseudonymKeys__0__Secret</c>),
    /// so secrets such as pseudonym keys need not be written into a file.
    /// </summary>
    private static IConfiguration Configuration(string? file)
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

    /// <summary>The account the command works on; required by account-scoped commands.</summary>
    public AccountId Account(string command)
    {
        var text = _result.GetValue(_options.Account);
        if (string.IsNullOrEmpty(text))
        {
            throw new ToolException($"{command} works on one account; expected --account <id>.");
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

    /// <summary>The account, when one was given.</summary>
    public AccountId? OptionalAccount(string command) => string.IsNullOrEmpty(_result.GetValue(_options.Account)) ? null : Account(command);

    /// <summary>Parses a number the user typed, in the default region when it is national.</summary>
    public PhoneNumber Number(string text)
    {
        if (!PhoneNumber.TryParse(text.AsSpan(), Region, out var number, out var error))
        {
            throw new ToolException(PhoneNumberErrorText.Describe(text, Region, error));
        }

        return number;
    }

    /// <summary>The options SmsOptOut runs with, validated (the configuration file's mistakes surface here).</summary>
    public SmsOptOutOptions Options => Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
