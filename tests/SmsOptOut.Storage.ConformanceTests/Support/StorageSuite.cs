using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>
/// The base of every conformance suite: one fixture (one adapter under test) shared by the suite's tests. A suite whose
/// <see cref="ConformanceSuiteAttribute.Requires"/> the fixture does not claim is skipped, naming the missing flags.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
public abstract class StorageSuite<TFixture> : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    /// <summary>The account most tests write to.</summary>
    protected static readonly Consent.AccountId Acme = new("acme");

    /// <summary>A second account, to prove isolation.</summary>
    protected static readonly Consent.AccountId Globex = new("globex");

    /// <summary>A list of <see cref="Acme"/>.</summary>
    protected static readonly Consent.ListId Newsletter = new("newsletter");

    /// <summary>Another list of <see cref="Acme"/>.</summary>
    protected static readonly Consent.ListId Offers = new("offers");

    /// <summary>Creates the suite for one test; skips it when the fixture does not claim what the suite requires.</summary>
    /// <param name="fixture">The adapter's fixture.</param>
    protected StorageSuite(TFixture fixture)
    {
        Fixture = fixture;
        var requires = ConformanceSuiteAttribute.Of(GetType())?.Requires ?? StorageCapabilities.None;
        var missing = requires & ~fixture.Capabilities;
        Skip.If(missing != StorageCapabilities.None,
            $"{fixture.GetType().Name} does not claim {nameof(StorageCapabilities)}.{missing.ToString().Replace(", ", $" | {nameof(StorageCapabilities)}.", StringComparison.Ordinal)}, which this suite proves.");
    }

    /// <summary>The adapter's fixture.</summary>
    protected TFixture Fixture { get; }
}
