using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Hosting;

/// <summary>Which storage the tool opens: from <c>--storage kind:target</c>, or from the <c>SmsOptOut:Sqlite|PostgreSql|Redis</c> section of a configuration file.</summary>
internal sealed record StorageSpec(string Kind, string Target, string? Namespace)
{
    public const string Syntax = "sqlite:<path>, postgresql:<connection string> or redis:<configuration>";

    /// <summary>How long the tool waits for a Redis server before saying it cannot be reached (StackExchange.Redis waits 5 s and retries 3 times by default).</summary>
    public const int RedisConnectTimeoutMilliseconds = 3000;

    private static readonly string[] Kinds = ["sqlite", "postgresql", "redis"];

    private static readonly string[] Sections = ["Sqlite", "PostgreSql", "Redis"];

    /// <summary>Where the storage was named, for messages: <c>--storage</c> or the configuration key.</summary>
    public string Origin { get; init; } = "--storage";

    /// <summary>Parses <c>kind:target</c>; <paramref name="ns"/> is the PostgreSQL schema or the Redis key prefix.</summary>
    public static StorageSpec Parse(string text, string? ns)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? text[..colon].ToLowerInvariant() : string.Empty;
        if (kind == "postgres")
        {
            kind = "postgresql";
        }

        if (!Kinds.Contains(kind) || colon == text.Length - 1)
        {
            throw new ToolException($"--storage '{text}' is not a storage; expected {Syntax}.");
        }

        if (ns is not null && kind == "sqlite")
        {
            throw new ToolException("--schema applies to postgresql: storages and --key-prefix to redis: storages; a SQLite file needs neither.");
        }

        return new StorageSpec(kind, text[(colon + 1)..], ns);
    }

    /// <summary>The storage's kind, in words.</summary>
    public string DisplayName => Kind switch { "sqlite" => "SQLite", "postgresql" => "PostgreSQL", _ => "Redis" };

    /// <summary>The SQLite file, for a SQLite storage.</summary>
    public string? SqlitePath => Kind == "sqlite" ? SqliteFile(Target.Contains('=', StringComparison.Ordinal) ? Target : $"Data Source={Target}") : null;

    /// <summary>The Redis configuration with a connect timeout of a few seconds and one attempt, unless it names its own.</summary>
    public static string FailFast(string configuration)
    {
        var text = configuration;
        if (!text.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            text += $",connectTimeout={RedisConnectTimeoutMilliseconds}";
        }

        if (!text.Contains("connectRetry", StringComparison.OrdinalIgnoreCase))
        {
            text += ",connectRetry=1";
        }

        return text;
    }

    /// <summary>Registers the storage on <paramref name="builder"/>.</summary>
    public void Register(ISmsOptOutBuilder builder)
    {
        _ = Kind switch
        {
            "sqlite" => builder.UseSqlite(Target.Contains('=', StringComparison.Ordinal) ? Target : $"Data Source={Target}"),
            "postgresql" => builder.UsePostgreSql(o =>
            {
                o.ConnectionString = Target;
                o.Schema = Namespace ?? o.Schema;
            }),
            _ => builder.UseRedis(o =>
            {
                o.Configuration = FailFast(Target);
                o.KeyPrefix = Namespace ?? o.KeyPrefix;
            }),
        };
    }

    /// <summary>The storage a configuration file names in <c>SmsOptOut:Sqlite</c>, <c>SmsOptOut:PostgreSql</c> or <c>SmsOptOut:Redis</c>, registered on <paramref name="builder"/>.</summary>
    public static StorageSpec RegisterFrom(IConfiguration configuration, string file, ISmsOptOutBuilder builder)
    {
        var sections = Sections.Select(name => configuration.GetSection("SmsOptOut:" + name)).Where(s => s.Exists()).ToList();
        if (sections.Count != 1)
        {
            throw new ToolException(sections.Count == 0
                ? $"{file} names no storage; expected one of the sections SmsOptOut:Sqlite, SmsOptOut:PostgreSql or SmsOptOut:Redis, or pass --storage {Syntax}."
                : $"{file} names {sections.Count} storages ({string.Join(", ", sections.Select(s => s.Path))}); expected exactly one.");
        }

        var section = sections[0];
        switch (section.Key)
        {
            case "Sqlite":
                builder.UseSqlite(section);
                return new StorageSpec("sqlite", section["ConnectionString"] ?? string.Empty, null) { Origin = "SmsOptOut:Sqlite:ConnectionString" };
            case "PostgreSql":
                builder.UsePostgreSql(section);
                return new StorageSpec("postgresql", string.Empty, null) { Origin = "SmsOptOut:PostgreSql:ConnectionString" };
            default:
                builder.UseRedis(section);
                builder.Services.PostConfigure<SmsOptOut.Storage.Redis.RedisStorageOptions>(o => o.Configuration = o.Configuration is null ? null : FailFast(o.Configuration));
                return new StorageSpec("redis", section["Configuration"] ?? string.Empty, null) { Origin = "SmsOptOut:Redis:Configuration" };
        }
    }

    /// <summary>The file of a SQLite connection string, or <see langword="null"/> for an in-memory database.</summary>
    private static string? SqliteFile(string connectionString)
    {
        try
        {
            var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
            return string.IsNullOrEmpty(source) || source == ":memory:" ? null : source;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
