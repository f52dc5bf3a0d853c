namespace SmsOptOut.Storage;

/// <summary>
/// A storage adapter's versioned schema (the SQL adapters implement it; a store without a schema does not). Stores
/// migrate by themselves on first use; this lets operators do it ahead of a deployment and see the version
/// (<c>smsoptout migrate</c>).
/// </summary>
public interface IStorageSchema
{
    /// <summary>Creates the schema, or upgrades it to the latest version this package knows; changes nothing when it is current.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version found and the version now in place.</returns>
    /// <exception cref="InvalidOperationException">The storage is at a version newer than this package knows.</exception>
    Task<StorageSchemaVersion> MigrateAsync(CancellationToken cancellationToken = default);
}
