using System.Diagnostics.CodeAnalysis;

namespace SmsOptOut.Storage;

/// <summary>
/// One storage contract: the interface a storage adapter implements, whether every adapter must, and the capability
/// flag by which an adapter declares it. Every contract is declared once, in <see cref="StorageContracts.All"/>; the
/// registration of adapters, the choice of storage, the in-memory storage and the conformance kit read it from there.
/// </summary>
public sealed class StorageContract
{
    internal StorageContract(
        Type serviceType,
        StorageCapabilities capability,
        string purpose,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type? inMemoryType,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type? fallbackType = null)
    {
        ServiceType = serviceType;
        Capability = capability;
        Purpose = purpose;
        InMemoryType = inMemoryType;
        FallbackType = fallbackType;
    }

    /// <summary>The interface, for example <see cref="Suppression.ISuppressionStore"/>.</summary>
    public Type ServiceType { get; }

    /// <summary>
    /// The flag by which an adapter declares that it implements this optional contract, or
    /// <see cref="StorageCapabilities.None"/> for a required one.
    /// </summary>
    public StorageCapabilities Capability { get; }

    /// <summary>Whether every storage adapter must implement the contract (<c>UseStorage</c> fails without it).</summary>
    public bool IsRequired => Capability == StorageCapabilities.None;

    /// <summary>What the contract keeps, in a few words (for documentation and diagnostics).</summary>
    public string Purpose { get; }

    /// <summary>The in-memory storage's implementation, or <see langword="null"/> when the in-memory storage lacks the contract.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    internal Type? InMemoryType { get; }

    /// <summary>What serves an optional contract when the chosen storage does not implement it, if anything.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    internal Type? FallbackType { get; }

    /// <inheritdoc />
    public override string ToString() => ServiceType.Name;
}
