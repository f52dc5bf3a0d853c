using FluentAssertions;
using SmsOptOut.Providers;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Providers;

/// <summary>
/// The contract of <see cref="IWebhookReplayGuard"/> in the store: a one-time value is used once until it expires, a
/// forgotten one may be used again, concurrent uses of one value let exactly one through, and expired values are purged.
/// Across instances and restarts: <see cref="SharingTests{TFixture}"/> and <see cref="DurabilityTests{TFixture}"/>.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.WebhookReplayGuard)]
public abstract class WebhookReplayGuardTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task A_value_is_used_once_until_it_expires()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddMinutes(10);

        (await store.ReplayGuard.TryUseAsync("plivo:nonce-1", until)).Should().BeTrue("the value is new");
        (await store.ReplayGuard.TryUseAsync("plivo:nonce-1", until)).Should().BeFalse("the value was used: a replay");
        (await store.ReplayGuard.TryUseAsync("plivo:nonce-2", until)).Should().BeTrue("another value");
        (await store.ReplayGuard.TryUseAsync("telnyx:nonce-1", until)).Should().BeTrue("another provider's value");
        store.Time.Advance(TimeSpan.FromMinutes(9));
        (await store.ReplayGuard.TryUseAsync("plivo:nonce-1", until)).Should().BeFalse("a minute before its expiry");
        store.Time.Advance(TimeSpan.FromMinutes(1));
        (await store.ReplayGuard.TryUseAsync("plivo:nonce-1", until.AddMinutes(10))).Should().BeTrue("at its expiry the value may be forgotten");
        (await store.ReplayGuard.TryUseAsync("plivo:nonce-1", until.AddMinutes(10))).Should().BeFalse("and is used again until the new expiry");
    }

    [SkippableFact]
    public virtual async Task A_forgotten_value_may_be_used_again()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddHours(72);
        await store.ReplayGuard.TryUseAsync("vonage:abc", until);

        await store.ReplayGuard.ForgetAsync("vonage:abc");
        await store.ReplayGuard.ForgetAsync("vonage:never-used");

        (await store.ReplayGuard.TryUseAsync("vonage:abc", until)).Should().BeTrue("the host failed to record the request, so the provider's retry is welcome");
    }

    [SkippableFact]
    public virtual async Task Of_concurrent_uses_of_one_value_exactly_one_gets_through()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddMinutes(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await store.ReplayGuard.TryUseAsync("telnyx:sig", until))));

        results.Count(used => used).Should().Be(1);
    }

    [SkippableFact]
    public virtual async Task Any_text_is_a_key_and_long_keys_are_kept_whole()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddMinutes(5);
        var odd = "SmsToOptions:t=1714564800, s=ÄÖ ü {prefix} ' \" ; -- \u200B";
        var longKey = "TwilioOptions:" + new string('x', WebhookReplayGuardArguments.MaxReplayKeyLength - 15) + "1";
        var sameButLast = longKey[..^1] + "2";

        (await store.ReplayGuard.TryUseAsync(odd, until)).Should().BeTrue();
        (await store.ReplayGuard.TryUseAsync(odd, until)).Should().BeFalse();
        (await store.ReplayGuard.TryUseAsync(longKey, until)).Should().BeTrue();
        (await store.ReplayGuard.TryUseAsync(sameButLast, until)).Should().BeTrue("keys differing in their last character are different");
        (await store.ReplayGuard.TryUseAsync(longKey, until)).Should().BeFalse();
    }

    [SkippableFact]
    public virtual async Task A_value_whose_expiry_has_passed_when_first_used_is_free_again_at_once()
    {
        await using var store = Fixture.CreateStore();
        var past = store.Time.GetUtcNow().AddSeconds(-1);

        (await store.ReplayGuard.TryUseAsync("vonage:stale", past)).Should().BeTrue();
        (await store.ReplayGuard.TryUseAsync("vonage:stale", past)).Should().BeTrue("its expiry has passed: the value may be forgotten");
        (await store.ReplayGuard.TryUseAsync("vonage:stale", store.Time.GetUtcNow().AddMinutes(1))).Should().BeTrue();
        (await store.ReplayGuard.TryUseAsync("vonage:stale", store.Time.GetUtcNow().AddMinutes(1))).Should().BeFalse("now it holds until its new expiry");
    }

    [SkippableFact]
    public virtual async Task Expired_values_are_purged_and_fresh_ones_kept()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.ReplayGuard.TryUseAsync("a", now.AddMinutes(1));
        await store.ReplayGuard.TryUseAsync("b", now.AddMinutes(2));
        await store.ReplayGuard.TryUseAsync("c", now.AddHours(1));
        store.Time.Advance(TimeSpan.FromMinutes(5));

        var first = await store.ReplayGuard.PurgeExpiredAsync(store.Time.GetUtcNow(), 1);
        var rest = await store.ReplayGuard.PurgeExpiredAsync(store.Time.GetUtcNow(), 100);

        (first + rest).Should().BeOneOf([0, 2], "two values expired; a store whose values expire by themselves purges nothing");
        first.Should().BeLessThanOrEqualTo(1, "at most the limit");
        (await store.ReplayGuard.TryUseAsync("c", now.AddHours(1))).Should().BeFalse("c has not expired");
        (await store.ReplayGuard.TryUseAsync("a", now.AddHours(1))).Should().BeTrue("a expired");
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused_with_their_name()
    {
        await using var store = Fixture.CreateStore();
        var until = store.Time.GetUtcNow().AddMinutes(5);

        await FluentActions.Awaiting(() => store.ReplayGuard.TryUseAsync("", until).AsTask()).Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        await FluentActions.Awaiting(() => store.ReplayGuard.TryUseAsync(new string('k', WebhookReplayGuardArguments.MaxReplayKeyLength + 1), until).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithParameterName("key").WithMessage("*at most 512*");
        await FluentActions.Awaiting(() => store.ReplayGuard.PurgeExpiredAsync(until, 0).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("limit");
        await FluentActions.Awaiting(() => store.ReplayGuard.TryUseAsync("plivo:a\0b", until).AsTask()).Should().ThrowAsync<ArgumentException>().WithParameterName("key").WithMessage("*U+0000*");
        await FluentActions.Awaiting(() => store.ReplayGuard.TryUseAsync("plivo:\uD800", until).AsTask()).Should().ThrowAsync<ArgumentException>().WithParameterName("key");
        await FluentActions.Awaiting(() => store.ReplayGuard.ForgetAsync("").AsTask()).Should().ThrowAsync<ArgumentException>().WithParameterName("key");
    }
}
