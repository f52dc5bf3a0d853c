using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Links;

/// <summary>The contract of <see cref="IOptOutLinkTokenStore"/>.</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class LinkTokenStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task A_token_resolves_to_its_target_until_it_expires()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var token = new StoredLinkToken("Ab3dE5gH7j", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(1), new CampaignId("spring « sale »")), now.AddDays(60));

        (await store.LinkTokens.AddAsync([token])).Should().BeEmpty();

        (await store.LinkTokens.FindAsync("Ab3dE5gH7j", now)).Should().BeEquivalentTo(token);
        (await store.LinkTokens.FindAsync("Ab3dE5gH7j", token.ExpiresAt.AddTicks(-10))).Should().NotBeNull();
        (await store.LinkTokens.FindAsync("Ab3dE5gH7j", token.ExpiresAt)).Should().BeNull("a token is gone at its expiry instant");
        (await store.LinkTokens.FindAsync("ab3dE5gH7j", now)).Should().BeNull("tokens are case-sensitive");
        (await store.LinkTokens.FindAsync("Ab3dE5gH7", now)).Should().BeNull();
        (await store.LinkTokens.FindAsync("Unknown000", now)).Should().BeNull();
    }

    [SkippableFact]
    public virtual async Task An_existing_token_is_returned_as_taken_and_left_unchanged()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var original = new StoredLinkToken("Taken00001", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(2)), now.AddDays(60));
        await store.LinkTokens.AddAsync([original]);
        var clash = original with { Target = new OptOutLinkTarget(Globex, Offers, TestNumbers.Us(3)) };
        var fresh = new StoredLinkToken("Fresh00001", new OptOutLinkTarget(Acme, Offers, TestNumbers.Us(4)), now.AddDays(60));

        var taken = await store.LinkTokens.AddAsync([fresh, clash]);

        taken.Should().Equal("Taken00001");
        (await store.LinkTokens.FindAsync("Taken00001", now)).Should().BeEquivalentTo(original);
        (await store.LinkTokens.FindAsync("Fresh00001", now)).Should().BeEquivalentTo(fresh);
    }

    [SkippableFact]
    public virtual async Task A_large_batch_is_added_in_one_call()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var tokens = Enumerable.Range(0, 10_000)
            .Select(i => new StoredLinkToken($"Batch{i:D5}", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(i)), now.AddDays(60)))
            .ToArray();

        (await store.LinkTokens.AddAsync(tokens)).Should().BeEmpty();

        foreach (var i in new[] { 0, 1, 4_999, 9_999 })
        {
            (await store.LinkTokens.FindAsync(tokens[i].Token, now)).Should().BeEquivalentTo(tokens[i]);
        }
    }

    [SkippableFact]
    public virtual async Task Expired_tokens_are_deleted_and_live_ones_kept()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var target = new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(5));
        await store.LinkTokens.AddAsync(
        [
            new StoredLinkToken("Expired001", target, now.AddMinutes(-1)),
            new StoredLinkToken("Expired002", target, now),
            new StoredLinkToken("Live000001", target, now.AddSeconds(1)),
        ]);

        (await store.LinkTokens.DeleteExpiredAsync(now)).Should().Be(2);
        (await store.LinkTokens.DeleteExpiredAsync(now)).Should().Be(0);
        (await store.LinkTokens.FindAsync("Live000001", now)).Should().NotBeNull();
        (await store.LinkTokens.FindAsync("Expired001", now.AddDays(-1))).Should().BeNull("a deleted token is gone even for a caller whose clock is behind");
    }

    [SkippableFact]
    public virtual async Task Concurrent_batches_of_distinct_tokens_are_all_kept()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(batch => Task.Run(() => store.LinkTokens.AddAsync(
            Enumerable.Range(0, 250).Select(i => new StoredLinkToken($"C{batch}x{i:D8}", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(i)), now.AddDays(1))).ToArray()))));

        for (var batch = 0; batch < 8; batch++)
        {
            (await store.LinkTokens.FindAsync($"C{batch}x{249:D8}", now)).Should().NotBeNull();
        }
    }

    [SkippableFact]
    public virtual async Task Tokens_of_every_length_are_kept_apart()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        // Leading zeros, the largest values of a length and the lengths around 10 (a store may pack short tokens).
        var texts = new[]
        {
            "0", "00", "A", "0A", "00A", "z", "zz", "000000000A", "zzzzzzzzzz", "0zzzzzzzzz", "zzzzzzzzz",
            "zzzzzzzzzzz", "0000000000A", "A0000000000", new string('z', 32), new string('0', 32),
        };
        var tokens = texts.Select((t, i) => new StoredLinkToken(t, new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(100 + i)), now.AddDays(1))).ToArray();

        (await store.LinkTokens.AddAsync(tokens)).Should().BeEmpty("no two of these texts are the same token");

        foreach (var token in tokens)
        {
            (await store.LinkTokens.FindAsync(token.Token, now)).Should().BeEquivalentTo(token);
        }

        foreach (var unknown in new[] { "000", "0000000000", "zzzzzzzzzzzz", "a", "A-", "é", new string('z', 33), "" })
        {
            (await store.LinkTokens.FindAsync(unknown, now)).Should().BeNull($"'{unknown}' was never issued");
        }
    }

    [SkippableFact]
    public virtual async Task Malformed_tokens_are_refused_and_nothing_is_added()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var good = new StoredLinkToken("Good000001", new OptOutLinkTarget(Acme, Newsletter, TestNumbers.Us(6)), now.AddDays(1));

        foreach (var bad in new[] { "", "has-dash00", "has_under0", new string('A', 33), "spa ce0001" })
        {
            await FluentActions.Awaiting(() => store.LinkTokens.AddAsync([good, good with { Token = bad }]))
                .Should().ThrowAsync<ArgumentException>().WithMessage("*base62*");
        }

        await FluentActions.Awaiting(() => store.LinkTokens.AddAsync([good with { Target = new OptOutLinkTarget(Acme, default, TestNumbers.Us(6)) }]))
            .Should().ThrowAsync<ArgumentException>();
        (await store.LinkTokens.FindAsync(good.Token, now)).Should().BeNull("a refused batch adds nothing");
    }
}
