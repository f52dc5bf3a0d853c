using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Sending;

/// <summary>
/// Keyword opt-outs per sending address in the store, for every kind of address: a scope written for a phone number the
/// way earlier versions wrote it (<c>sender:+18005550100</c>) still holds, and short-code and sender-ID scopes hold for
/// exactly their address. No store keeps a sending address in a typed column: scopes are list ids, held messages keep
/// their send as JSON and caps count under text counters, so no schema changes for them.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class SenderScopeTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly SenderAddress TollFree = PhoneNumber.Parse("+18005550100");
    private static readonly SenderAddress ShortCode = SenderAddress.ShortCode("12345", "US");
    private static readonly SenderAddress SenderId = SenderAddress.Alphanumeric("ACME");

    [SkippableFact]
    public virtual async Task Scopes_of_every_kind_of_sender_hold_for_exactly_their_address()
    {
        var transport = new CapturingTransport();
        await using var store = Fixture.CreateStore(services =>
        {
            services.AddSingleton<ISmsTransport>(transport);
            services.Configure<SmsOptOutOptions>(o =>
            {
                o.Keywords.Scope = KeywordScope.SendingNumber;
                o.Compliance.AllowNarrowOptOutScopes = true;
            });
        });
        var (old, shortCoded, senderIded) = (TestNumbers.Us(41), TestNumbers.Us(42), TestNumbers.Us(43));
        var now = store.Time.GetUtcNow();
        // As the version before sender addresses wrote a STOP to a toll-free number: the list id "sender:" and the E.164 number.
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, old, now, new ListId("sender:+18005550100")), []);
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, shortCoded, OptOutSource.Keyword) { Scope = SuppressionScope.List, List = SendingNumberScope.ListFor(ShortCode) });
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, senderIded, OptOutSource.Keyword) { Scope = SuppressionScope.List, List = SendingNumberScope.ListFor(SenderId) });
        string[] everyone = [old.ToString(), shortCoded.ToString(), senderIded.ToString()];

        var fromTollFree = await SendAsync(store, TollFree, everyone);
        var fromShortCode = await SendAsync(store, ShortCode, everyone);
        var fromSenderId = await SendAsync(store, SenderId, everyone);
        var fromAnother = await SendAsync(store, SenderAddress.ShortCode("54321", "US"), everyone);

        fromTollFree.Should().Match<ListSendResult>(r => r.Suppressed == 1 && r.Sent == 2, "the scope written before sender addresses existed holds for the same number");
        fromShortCode.Should().Match<ListSendResult>(r => r.Suppressed == 1 && r.Sent == 2);
        fromSenderId.Should().Match<ListSendResult>(r => r.Suppressed == 1 && r.Sent == 2);
        fromAnother.Sent.Should().Be(3, "another short code is another sender");
        (await store.Suppression.GetHistoryAsync(Acme, shortCoded).ToListAsync()).Single().List.Should().Be(new ListId("sender:US:12345"));
    }

    private static Task<ListSendResult> SendAsync(TestStore store, SenderAddress from, string[] recipients) =>
        store.Services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, Newsletter, "Acme news. Reply STOP to opt out") { From = from },
            recipients.ToAsyncEnumerable());
}
