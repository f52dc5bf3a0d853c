namespace SmsOptOut.Storage;

/// <summary>What <see cref="IStorageSchema.MigrateAsync"/> found and left.</summary>
/// <param name="Found">The schema version before the call; 0 for a new, empty storage.</param>
/// <param name="Current">The schema version after the call: the latest the adapter knows.</param>
public readonly record struct StorageSchemaVersion(int Found, int Current)
{
    /// <summary>Whether the call applied migrations.</summary>
    public bool Migrated => Current > Found;
}
