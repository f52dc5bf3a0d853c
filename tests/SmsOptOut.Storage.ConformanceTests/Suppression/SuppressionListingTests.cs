using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.ConformanceTests.Suppression;

/// <summary>
/// <see cref="ISuppressionListing"/>: an account's current suppressions newest first (ties by number, then list,
/// descending), paged with a keyset cursor so every entry comes once at any page size; each filter (source, scope, list,
/// a range of the suppression's since with its exact edges, an exact number) selects exactly what
/// <see cref="SuppressionFilter.Matches"/> selects, alone and combined, on every page; lifted and erased numbers and other
/// accounts are never listed; bad arguments are refused before anything is read.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.SuppressionListing)]
public abstract class SuppressionListingTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly ListId Promos = new("promos/é");

    [SkippableFact]
    public virtual async Task The_listing_is_newest_first_with_ties_by_number_then_list_descending()
    {
        await using var store = Fixture.CreateStore();
        var noon = TestStore.Epoch.AddHours(6);
        // Three entries at one instant (two numbers, one of them with a list too), one older, one newer.
        await OptOutAsync(store, TestNumbers.Us(5), noon, Newsletter);
        await OptOutAsync(store, TestNumbers.Us(5), noon);
        await OptOutAsync(store, TestNumbers.Us(9), noon, Offers);
        await OptOutAsync(store, TestNumbers.Us(7), noon.AddSeconds(-1));
        await OptOutAsync(store, TestNumbers.Us(1), noon.AddSeconds(1));

        var page = await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 10);

        page.Select(e => (e.Number, e.List?.Value)).Should().Equal(
            (TestNumbers.Us(1), null),
            (TestNumbers.Us(9), Offers.Value),
            (TestNumbers.Us(5), Newsletter.Value),
            (TestNumbers.Us(5), (string?)null),
            (TestNumbers.Us(7), null));
        page.Should().BeInAscendingOrder(SuppressionListCursor.Order);

        // From a cursor on the list entry of number 5, the account-wide entry of that number at that instant still follows.
        var afterList = await Listing(store).ListSuppressedAsync(Acme, new SuppressionFilter { Scope = SuppressionScope.Account }, page[2].ListingCursor, 10);
        afterList.Select(e => e.Number).Should().Equal(TestNumbers.Us(5), TestNumbers.Us(7));
    }

    [SkippableFact]
    public virtual async Task Entries_carry_their_opt_out_and_the_cursor_they_page_from()
    {
        await using var store = Fixture.CreateStore();
        var e = Events.OptOut(Acme, TestNumbers.Us(15), store.Time.GetUtcNow(), Newsletter) with { Source = OptOutSource.Keyword, OccurredAt = TestStore.Epoch.AddDays(-3) };
        await store.Suppression.ApplyAsync(e, []);

        var page = await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 10);

        page.Should().ContainSingle().Which.Should().BeEquivalentTo(new SuppressedNumber(e.Number, Newsletter, e.OccurredAt, OptOutSource.Keyword, e.EventId));
        page[0].ListingCursor.Should().Be(new SuppressionListCursor(e.OccurredAt, e.Number, Newsletter.Value));
        (await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, page[0].ListingCursor, 10)).Should().BeEmpty("nothing comes after the last entry");
    }

    [SkippableFact]
    public virtual async Task Paging_returns_every_matching_suppression_once_under_every_filter_and_page_size()
    {
        await using var store = Fixture.CreateStore();
        var all = await SeedAsync(store, count: 600);
        var middle = TestStore.Epoch.AddMinutes(-300);
        var filters = new (string Name, SuppressionFilter Filter)[]
        {
            ("none", SuppressionFilter.None),
            ("source", new SuppressionFilter { Source = OptOutSource.Keyword }),
            ("account scope", new SuppressionFilter { Scope = SuppressionScope.Account }),
            ("list scope", new SuppressionFilter { Scope = SuppressionScope.List }),
            ("one list", new SuppressionFilter { List = Newsletter }),
            ("a list with a non-ASCII id", new SuppressionFilter { List = Promos, Scope = SuppressionScope.List }),
            ("since from", new SuppressionFilter { SinceFrom = middle }),
            ("since before", new SuppressionFilter { SinceBefore = middle }),
            ("a range", new SuppressionFilter { SinceFrom = middle.AddMinutes(-120), SinceBefore = middle.AddMinutes(60) }),
            ("source and range", new SuppressionFilter { Source = OptOutSource.Import, SinceFrom = middle.AddMinutes(-200), SinceBefore = middle }),
            ("source and list", new SuppressionFilter { Source = OptOutSource.Api, List = Offers }),
            ("source and account scope", new SuppressionFilter { Source = OptOutSource.OptOutLink, Scope = SuppressionScope.Account }),
            ("a number", new SuppressionFilter { Number = TestNumbers.Us(29_999) }),
            ("a number and a list", new SuppressionFilter { Number = TestNumbers.Us(29_999), List = Newsletter }),
            ("a number and account scope", new SuppressionFilter { Number = TestNumbers.Us(29_999), Scope = SuppressionScope.Account }),
            ("a number and a source it lacks", new SuppressionFilter { Number = TestNumbers.Us(29_999), Source = OptOutSource.ProviderError }),
            ("a number never suppressed", new SuppressionFilter { Number = TestNumbers.Us(99_999) }),
            ("a list nobody is in", new SuppressionFilter { List = new ListId("nobody") }),
        };

        foreach (var (name, filter) in filters)
        {
            var expected = all.Where(filter.Matches).Order(SuppressionListCursor.Order).ToList();
            foreach (var pageSize in new[] { 1, 7, 50, 10_000 })
            {
                if (pageSize == 1 && expected.Count > 100)
                {
                    continue; // a page of one is proven on the short lists; here it would only take time
                }

                var seen = await ReadAllAsync(store, filter, pageSize);
                seen.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "filter {0}, page size {1}", name, pageSize);
            }
        }

        all.Where(new SuppressionFilter { Number = TestNumbers.Us(29_999) }.Matches).Should().HaveCount(3, "the seed gives that number an account-wide and two list suppressions");
        all.Select(e => e.Since).Distinct().Count().Should().BeLessThan(all.Count, "entries share instants, so ties are paged through too");
    }

    [SkippableFact]
    public virtual async Task The_range_of_since_is_inclusive_from_and_exclusive_before()
    {
        await using var store = Fixture.CreateStore();
        var at = TestStore.Epoch.AddHours(-2);
        await OptOutAsync(store, TestNumbers.Us(1), at.AddTicks(-10));
        await OptOutAsync(store, TestNumbers.Us(2), at);
        await OptOutAsync(store, TestNumbers.Us(3), at.AddSeconds(1));

        var from = await Listing(store).ListSuppressedAsync(Acme, new SuppressionFilter { SinceFrom = at }, SuppressionListCursor.Start, 10);
        var before = await Listing(store).ListSuppressedAsync(Acme, new SuppressionFilter { SinceBefore = at }, SuppressionListCursor.Start, 10);
        var exact = await Listing(store).ListSuppressedAsync(Acme, new SuppressionFilter { SinceFrom = at, SinceBefore = at.AddSeconds(1) }, SuppressionListCursor.Start, 10);

        var range = new SuppressionFilter { SinceFrom = at.AddDays(-1), SinceBefore = at.AddSeconds(1) };
        var fromNewerCursor = await Listing(store).ListSuppressedAsync(Acme, range, new SuppressionListCursor(at.AddDays(1), TestNumbers.Us(9), ""), 10);
        var fromCursorInRange = await Listing(store).ListSuppressedAsync(Acme, range, new SuppressionListCursor(at, TestNumbers.Us(2), ""), 10);

        from.Select(e => e.Number).Should().Equal(TestNumbers.Us(3), TestNumbers.Us(2));
        before.Select(e => e.Number).Should().Equal(TestNumbers.Us(1));
        exact.Select(e => e.Number).Should().Equal(TestNumbers.Us(2));
        fromNewerCursor.Select(e => e.Number).Should().Equal([TestNumbers.Us(2), TestNumbers.Us(1)], "a cursor newer than the range's end starts at that end");
        fromCursorInRange.Select(e => e.Number).Should().Equal(TestNumbers.Us(1));
    }

    [SkippableFact]
    public virtual async Task Lifted_erased_and_other_accounts_suppressions_are_not_listed()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await OptOutAsync(store, TestNumbers.Us(1), now);
        await OptOutAsync(store, TestNumbers.Us(2), now, Newsletter);
        await OptOutAsync(store, TestNumbers.Us(3), now);
        await OptOutAsync(store, TestNumbers.Us(4), now, Offers);
        await OptOutAsync(store, TestNumbers.Us(4), now, Newsletter);
        await store.Suppression.ApplyAsync(Events.OptOut(Globex, TestNumbers.Us(5), now), []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), now), []);                 // lifts the account-wide one
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(4), now, Offers), []);         // lifts one list of two
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(3), "ticket-7", "asked") { Account = Acme });

        var acme = await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 100);
        var erased = await Listing(store).ListSuppressedAsync(Acme, new SuppressionFilter { Number = TestNumbers.Us(3) }, SuppressionListCursor.Start, 100);
        var nobody = await Listing(store).ListSuppressedAsync(new AccountId("nobody"), SuppressionFilter.None, SuppressionListCursor.Start, 100);

        acme.Select(e => (e.Number, e.List?.Value)).Should().BeEquivalentTo(new[] { (TestNumbers.Us(2), Newsletter.Value), (TestNumbers.Us(4), Newsletter.Value) });
        erased.Should().BeEmpty("an erased number stays suppressed under a pseudonym, which is never listed");
        (await store.Suppression.IsSuppressedAsync(Acme, TestNumbers.Us(3))).Should().BeTrue();
        nobody.Should().BeEmpty();
        (await Listing(store).ListSuppressedAsync(Globex, SuppressionFilter.None, SuppressionListCursor.Start, 100)).Should().ContainSingle();
    }

    [SkippableFact]
    public virtual async Task A_number_opted_out_again_after_an_opt_in_is_listed_once_at_its_latest_opt_out()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await OptOutAsync(store, TestNumbers.Us(1), now.AddHours(-3));
        await OptOutAsync(store, TestNumbers.Us(2), now.AddHours(-2), Newsletter);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), now), []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(2), now, Newsletter), []);
        await OptOutAsync(store, TestNumbers.Us(1), now.AddHours(-1), source: OptOutSource.Keyword);
        await OptOutAsync(store, TestNumbers.Us(2), now.AddHours(-4), Newsletter);

        var page = await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 10);

        page.Select(e => (e.Number, e.Since, e.Source)).Should().Equal(
            (TestNumbers.Us(1), now.AddHours(-1), OptOutSource.Keyword),
            (TestNumbers.Us(2), now.AddHours(-4), OptOutSource.Api));
    }

    [SkippableFact]
    public virtual async Task A_page_continues_after_its_cursor_when_entries_change_in_between()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await OptOutAsync(store, TestNumbers.Us(i), now.AddMinutes(-i));
        }

        var first = await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, SuppressionListCursor.Start, 3);
        await OptOutAsync(store, TestNumbers.Us(100), now.AddMinutes(1));                 // newer: belongs on the first page, not the next
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(4), now), []); // lifted before it is read
        var second = await Listing(store).ListSuppressedAsync(Acme, SuppressionFilter.None, first[^1].ListingCursor, 3);

        first.Select(e => e.Number).Should().Equal(TestNumbers.Us(0), TestNumbers.Us(1), TestNumbers.Us(2));
        second.Select(e => e.Number).Should().Equal(TestNumbers.Us(3), TestNumbers.Us(5));
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused_naming_them()
    {
        await using var store = Fixture.CreateStore();
        var listing = Listing(store);
        var start = SuppressionListCursor.Start;

        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(default, SuppressionFilter.None, start, 10)).Should().ThrowAsync<ArgumentException>().WithMessage("*account*");
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, SuppressionFilter.None, start, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, SuppressionFilter.None, start, 10_001)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, null!, start, 10)).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, new SuppressionFilter { List = Newsletter, Scope = SuppressionScope.Account }, start, 10))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*list and the account-wide scope*");
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, new SuppressionFilter { SinceFrom = TestStore.Epoch, SinceBefore = TestStore.Epoch }, start, 10))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*holds no instant*");
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, new SuppressionFilter { Number = default(PhoneNumber) }, start, 10))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*number is empty*");
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, new SuppressionFilter { Source = (OptOutSource)42 }, start, 10))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*undefined source or scope*");
        await FluentActions.Awaiting(() => listing.ListSuppressedAsync(Acme, SuppressionFilter.None, new SuppressionListCursor(TestStore.Epoch, default, ""), 10))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*cursor has no number*");
    }

    /// <summary>The listing under test.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The adapter's <see cref="ISuppressionListing"/>.</returns>
    protected static ISuppressionListing Listing(TestStore store) => store.Services.GetRequiredService<ISuppressionListing>();

    private static async Task<List<SuppressedNumber>> ReadAllAsync(TestStore store, SuppressionFilter filter, int pageSize)
    {
        var seen = new List<SuppressedNumber>();
        var cursor = SuppressionListCursor.Start;
        while (true)
        {
            var page = await Listing(store).ListSuppressedAsync(Acme, filter, cursor, pageSize);
            page.Count.Should().BeLessThanOrEqualTo(pageSize);
            seen.AddRange(page);
            if (page.Count < pageSize)
            {
                return seen;
            }

            cursor = page[^1].ListingCursor;
        }
    }

    private static async Task OptOutAsync(TestStore store, PhoneNumber number, DateTimeOffset since, ListId? list = null, OptOutSource source = OptOutSource.Api)
    {
        var e = Events.OptOut(Acme, number, store.Time.GetUtcNow(), list) with { Source = source, OccurredAt = since };
        (await store.Suppression.ApplyAsync(e, [])).Should().Be(ConsentApplyStatus.Applied);
    }

    /// <summary>
    /// <paramref name="count"/> opt-outs of Acme over ten hours, at whole minutes (so several share an instant), from every
    /// source, account-wide and in three lists; one number in two lists and account-wide; Globex beside them. Returns
    /// Acme's suppressions as <see cref="ISuppressionStore.GetSuppressedAsync"/> lists them.
    /// </summary>
    private static async Task<List<SuppressedNumber>> SeedAsync(TestStore store, int count)
    {
        var random = new Random(20);
        var sources = Enum.GetValues<OptOutSource>();
        ListId?[] lists = [null, null, null, Newsletter, Offers, Promos];
        var writes = new List<ConsentWrite>();
        for (var i = 0; i < count; i++)
        {
            var since = TestStore.Epoch.AddMinutes(-random.Next(0, 600));
            var list = lists[random.Next(lists.Length)];
            var e = Events.OptOut(Acme, TestNumbers.Us(30_000 + random.Next(0, count * 2)), store.Time.GetUtcNow(), list) with
            {
                Source = sources[random.Next(sources.Length)], OccurredAt = since,
            };
            writes.Add(new ConsentWrite(e, []));
            writes.Add(new ConsentWrite(Events.OptOut(Globex, e.Number, since) with { OccurredAt = since }, []));
        }

        writes.Add(new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(29_999), TestStore.Epoch, Newsletter) with { OccurredAt = TestStore.Epoch.AddMinutes(-5) }, []));
        writes.Add(new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(29_999), TestStore.Epoch, Offers) with { OccurredAt = TestStore.Epoch.AddMinutes(-5) }, []));
        writes.Add(new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(29_999), TestStore.Epoch) with { OccurredAt = TestStore.Epoch.AddMinutes(-5) }, []));
        await store.Suppression.ApplyBatchAsync(writes);

        var all = new List<SuppressedNumber>();
        var cursor = SuppressionCursor.Start;
        IReadOnlyList<SuppressedNumber> page;
        do
        {
            page = await store.Suppression.GetSuppressedAsync(Acme, cursor, 10_000);
            all.AddRange(page);
            cursor = page.Count > 0 ? page[^1].Cursor : cursor;
        }
        while (page.Count == 10_000);
        return all;
    }
}
