namespace SmsOptOut.Tool.Schema;

/// <summary>The answer of <c>migrate</c>; versions are null for a store without a schema (Redis).</summary>
internal sealed record MigrateAnswer(string Storage, int? Found, int? Current, bool Migrated);
