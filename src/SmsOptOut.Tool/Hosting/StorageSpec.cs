using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Hosting;

/// <summary>Which storage the tool opens: from <c>--storage kind:target</c>, or from the <c>SmsOptOut:Sqlite|PostgreSql|Redis</c> section of a configuration file.</summary>
internal sealed record StorageSpec(string Kind, string Target, string? Namespace)
{
    public const string Syntax = "sqlite:<path>, postgresql:<connection string> or redis:<configuration>";

    private static readonly string[] Kinds = ["sqlite", "postgresql", "redis"];

    private static readonly string[] Sections = ["Sqlite", "PostgreSql", "Redis"];

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
                o.Configuration = Target;
                o.KeyPrefix = Namespace ?? o.KeyPrefix;
            }),
        };
    }

    /// <summary>Registers the storage a configuration file names in <c>SmsOptOut:Sqlite</c>, <c>SmsOptOut:PostgreSql</c> or <c>SmsOptOut:Redis</c>; returns its kind in words.</summary>
    public static string RegisterFrom(IConfiguration configuration, string file, ISmsOptOutBuilder builder)
    {
        var sections = Sections.Select(name => configuration.GetSection("SmsOptOut:" + name)).Where(s => s.Exists()).ToList();
        if (sections.Count != 1)
        {
            throw new ToolException(sections.Count == 0
                ? $"{file} names no storage; expected one of the sections SmsOptOut:Sqlite, SmsOptOut:PostgreSql or SmsOptOut:Redis, or pass --storage {Syntax}."
                : $"{file} names {sections.Count} storages ({string.Join(", ", sections.Select(s => s.Path))}); expected exactly one.");
        }

        _ = sections[0].Key switch
        {
            "Sqlite" => builder.UseSqlite(sections[0]),
            "PostgreSql" => builder.UsePostgreSql(sections[0]),
            _ => builder.UseRedis(sections[0]),
        };
        return new StorageSpec(sections[0].Key.ToLowerInvariant(), string.Empty, null).DisplayName;
    }
}
