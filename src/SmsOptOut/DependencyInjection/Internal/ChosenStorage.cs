using SmsOptOut.Storage;

namespace SmsOptOut.DependencyInjection.Internal;

/// <summary>The storage a host chose (registered as an instance by <c>UseStorage</c>) and the optional contracts it registered itself.</summary>
/// <param name="Name">The adapter's name.</param>
/// <param name="Provided">The flags of the optional contracts it registered.</param>
internal sealed record ChosenStorage(string Name, StorageCapabilities Provided);
