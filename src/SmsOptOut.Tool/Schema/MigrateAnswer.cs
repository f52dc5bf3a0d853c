namespace SmsOptOut.Tool.Schema;

/// <summary>The answer of <c>migrate</c>; schema versions are null for a store without a schema (Redis).</summary>
internal sealed record MigrateAnswer(int Version, string Storage, int? FoundSchemaVersion, int? CurrentSchemaVersion, bool Migrated);
