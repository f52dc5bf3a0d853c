using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>The base of every conformance suite: one fixture (one adapter under test) shared by the suite's tests.</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
public abstract class StorageSuite<TFixture>(TFixture fixture) : IClassFixture<TFixture>
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

    /// <summary>The adapter's fixture.</summary>
    protected TFixture Fixture { get; } = fixture;
}
