using System.Net;
using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>
/// Per-account credentials: a tenant with its own provider account sends with its own credentials and has its webhooks
/// verified with its own key — and refused with anyone else's.
/// </summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite]
public abstract class ProviderTenantTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    private static readonly AccountId Tenant = new("tenant-b");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    [Fact]
    public virtual async Task Each_account_sends_with_its_own_credentials()
    {
        await using var host = await StartAsync();
        host.Answer(Fixture.Sent);

        var own = await host.Transport.SendAsync(new SmsMessage(Person, "Hi") { Account = ProviderHost.Account });
        var tenants = await host.Transport.SendAsync(new SmsMessage(Person, "Hi") { Account = Tenant });

        own.Status.Should().Be(SmsSendStatus.Sent);
        tenants.Status.Should().Be(SmsSendStatus.Sent);
        var credentials = host.Api.Requests.Select(Fixture.SentCredential).ToArray();
        credentials.Should().HaveCount(2).And.OnlyHaveUniqueItems("each account's request carries its own credential");
        credentials.Should().NotContainNulls();
    }

    [Fact]
    public virtual async Task A_tenants_webhook_is_verified_with_its_own_key_and_refused_with_the_static_one()
    {
        await using var host = await StartAsync();
        var url = new Uri(ProviderHost.InboundUrl(Fixture) + "/" + Tenant.Value);

        var withStaticKey = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, url, Person, ProviderHost.AccountNumber, "t-1", DateTimeOffset.UtcNow));
        var withOwnKey = await host.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.WrongKey, url, Person, ProviderHost.AccountNumber, "t-2", DateTimeOffset.UtcNow));

        withStaticKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withOwnKey.StatusCode.Should().Be(HttpStatusCode.OK, await withOwnKey.Content.ReadAsStringAsync());
        (await host.HistoryAsync(Person, Tenant)).Should().ContainSingle("the tenant's opt-out is recorded in the tenant's account");
        (await host.HistoryAsync(Person)).Should().BeEmpty("nothing reached the static account");
    }

    private Task<ProviderHost> StartAsync() =>
        ProviderHost.StartAsync(Fixture,
            endpoints: o => o.IsKnownAccount = (account, _) => ValueTask.FromResult(account == Tenant || account == ProviderHost.Account),
            configureWithApi: (builder, api) => Fixture.UseTenantOptions(builder, Tenant, api));
}
