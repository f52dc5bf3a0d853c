using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.OptIn;

/// <summary>
/// The contract of <see cref="IOptInStore"/>: a request is pending until it expires or is confirmed once; a confirmed
/// double opt-in is never downgraded or replaced; requests are rate-limited; a revocation deletes everything; evidence
/// reads back exactly; accounts are independent.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.OptIns)]
public abstract class OptInStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan Resend = TimeSpan.FromMinutes(10);

    /// <summary>Sign-up evidence from a web form, with text that must read back byte for byte.</summary>
    public static readonly ConsentEvidence FormEvidence = new()
    {
        PageUrl = "https://shop.example/signup?ref=ß",
        IpAddress = "203.0.113.7",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) \"quoted\"",
        DisclosureText = "By checking this box you agree to receive recurring marketing texts from Acme at the number provided. Consent is not a condition of purchase. Msg & data rates may apply. Reply STOP to cancel.",
    };

    private static readonly ConsentEvidence YesEvidence = new() { MessageText = "Yes!", ProviderMessageId = "SM-yes-1", ProviderName = "twilio" };

    [SkippableFact]
    public virtual async Task A_request_is_pending_until_a_confirmation_makes_it_a_confirmed_opt_in_that_keeps_the_request_as_proof()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(1);
        var now = store.Time.GetUtcNow();
        var request = new OptInConfirmationRequest(now, now + Lifetime, FormEvidence);

        (await store.OptIns.SaveRequestAsync(Acme, number, request, Resend)).Should().Be(OptInRequestOutcome.Saved);
        var pending = await store.OptIns.GetAsync(Acme, number);
        pending.Should().BeEquivalentTo(new OptInRecord(Acme, number) { Request = request });
        pending!.IsPending(now.AddHours(23)).Should().BeTrue();

        var confirmed = await store.OptIns.ConfirmAsync(Acme, number, now.AddHours(2), YesEvidence);

        var expected = new OptInRecord(Acme, number) { Level = OptInLevel.Confirmed, LevelAt = now.AddHours(2), Evidence = YesEvidence, Request = request };
        confirmed.Should().BeEquivalentTo(expected);
        (await store.OptIns.GetAsync(Acme, number)).Should().BeEquivalentTo(expected);
        (await store.OptIns.ConfirmAsync(Acme, number, now.AddHours(3), YesEvidence)).Should().BeNull("a request confirms once");
    }

    [SkippableFact]
    public virtual async Task An_expired_request_or_none_confirms_nothing()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(2), new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);

        (await store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(2), now + Lifetime, YesEvidence)).Should().BeNull("it expires at its expiry");
        (await store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(3), now, YesEvidence)).Should().BeNull("nothing was requested");
        (await store.OptIns.ConfirmAsync(Globex, TestNumbers.Us(2), now, YesEvidence)).Should().BeNull("another account's request");
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(2)))!.Level.Should().Be(OptInLevel.None);
    }

    [SkippableFact]
    public virtual async Task A_new_request_waits_for_the_resend_interval_and_a_confirmed_number_is_never_asked_again()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(4);
        var now = store.Time.GetUtcNow();
        var first = new OptInConfirmationRequest(now, now + Lifetime, FormEvidence);
        var early = new OptInConfirmationRequest(now.AddMinutes(9), now.AddMinutes(9) + Lifetime, ConsentEvidence.None);
        var later = new OptInConfirmationRequest(now.AddMinutes(10), now.AddMinutes(10) + Lifetime, FormEvidence with { IpAddress = "198.51.100.1" });

        (await store.OptIns.SaveRequestAsync(Acme, number, first, Resend)).Should().Be(OptInRequestOutcome.Saved);
        (await store.OptIns.SaveRequestAsync(Acme, number, early, Resend)).Should().Be(OptInRequestOutcome.RecentlyRequested);
        (await store.OptIns.GetAsync(Acme, number))!.Request.Should().Be(first);
        (await store.OptIns.SaveRequestAsync(Acme, number, later, Resend)).Should().Be(OptInRequestOutcome.Saved, "exactly one interval later");
        (await store.OptIns.GetAsync(Acme, number))!.Request.Should().Be(later);

        await store.OptIns.ConfirmAsync(Acme, number, now.AddMinutes(11), YesEvidence);
        var again = new OptInConfirmationRequest(now.AddDays(2), now.AddDays(3), ConsentEvidence.None);
        (await store.OptIns.SaveRequestAsync(Acme, number, again, TimeSpan.Zero)).Should().Be(OptInRequestOutcome.AlreadyConfirmed);
        (await store.OptIns.GetAsync(Acme, number))!.Request.Should().Be(later, "the confirmed request stays the proof");
    }

    [SkippableFact]
    public virtual async Task A_single_opt_in_is_recorded_once_never_downgrades_a_confirmed_one_and_keeps_a_pending_request()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var evidence = new ConsentEvidence { Note = "checkbox on the order form" };
        var request = new OptInConfirmationRequest(now, now + Lifetime, FormEvidence);
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(5), request, Resend);

        (await store.OptIns.RecordOptInAsync(Acme, TestNumbers.Us(5), new OptInGrant(now, evidence))).Should().BeTrue();
        (await store.OptIns.RecordOptInAsync(Acme, TestNumbers.Us(5), new OptInGrant(now.AddHours(1), ConsentEvidence.None))).Should().BeFalse();
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(5))).Should().BeEquivalentTo(
            new OptInRecord(Acme, TestNumbers.Us(5)) { Level = OptInLevel.OptedIn, LevelAt = now, Evidence = evidence, Request = request });
        (await store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(5), now.AddHours(1), YesEvidence))!.Level.Should().Be(OptInLevel.Confirmed, "a single opt-in can still be confirmed");

        (await store.OptIns.RecordOptInAsync(Acme, TestNumbers.Us(5), new OptInGrant(now.AddHours(2), evidence))).Should().BeFalse();
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(5)))!.Level.Should().Be(OptInLevel.Confirmed);
    }

    [SkippableFact]
    public virtual async Task Levels_are_read_in_batches_and_accounts_are_independent()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var numbers = TestNumbers.Range(4, 10);
        await store.OptIns.RecordOptInAsync(Acme, numbers[0], new OptInGrant(now, ConsentEvidence.None));
        await store.OptIns.SaveRequestAsync(Acme, numbers[1], new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);
        await store.OptIns.SaveRequestAsync(Acme, numbers[2], new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);
        await store.OptIns.ConfirmAsync(Acme, numbers[2], now, YesEvidence);
        await store.OptIns.RecordOptInAsync(Globex, numbers[3], new OptInGrant(now, ConsentEvidence.None));

        var standings = new OptInStanding[numbers.Length];
        await store.OptIns.GetStandingsAsync(Acme, numbers, standings);
        standings.Select(s => s.Level).Should().Equal(OptInLevel.OptedIn, OptInLevel.None, OptInLevel.Confirmed, OptInLevel.None);
        standings.Should().AllSatisfy(s => s.ExpiresAt.Should().BeNull()).And.AllSatisfy(s => s.Basis.Should().Be(ConsentBasis.Express));

        (await store.OptIns.FindAccountsAsync(numbers[0])).Should().Equal(Acme);
        (await store.OptIns.FindAccountsAsync(numbers[3])).Should().Equal(Globex);
        (await store.OptIns.FindAccountsAsync(numbers[1])).Should().Equal(Acme);
        await FluentActions.Awaiting(() => store.OptIns.GetStandingsAsync(Acme, numbers, new OptInStanding[3])).Should().ThrowAsync<ArgumentException>().WithParameterName("standings");
    }

    [SkippableFact]
    public virtual async Task A_revocation_deletes_the_record_and_its_pending_request()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(6), new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);
        await store.OptIns.RecordOptInAsync(Acme, TestNumbers.Us(6), new OptInGrant(now, ConsentEvidence.None));
        await store.OptIns.RecordOptInAsync(Globex, TestNumbers.Us(6), new OptInGrant(now, ConsentEvidence.None));

        (await store.OptIns.RevokeAsync(Acme, TestNumbers.Us(6))).Should().BeTrue();
        (await store.OptIns.RevokeAsync(Acme, TestNumbers.Us(6))).Should().BeFalse();

        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(6))).Should().BeNull();
        (await store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(6), now, YesEvidence)).Should().BeNull();
        (await store.OptIns.GetAsync(Globex, TestNumbers.Us(6)))!.Level.Should().Be(OptInLevel.OptedIn);
    }

    [SkippableFact]
    public virtual async Task A_batch_revocation_deletes_the_records_and_requests_of_its_numbers_in_its_account_only()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var n = Enumerable.Range(70, 5).Select(i => TestNumbers.Us(i)).ToArray();
        await store.OptIns.SaveRequestAsync(Acme, n[0], new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);
        await store.OptIns.RecordOptInAsync(Acme, n[1], new OptInGrant(now, ConsentEvidence.None));
        await store.OptIns.RecordOptInAsync(Acme, n[2], new OptInGrant(now, ConsentEvidence.None) { Basis = ConsentBasis.Purchase, ExpiresAt = now.AddDays(10) });
        await store.OptIns.RecordOptInAsync(Acme, n[3], new OptInGrant(now, ConsentEvidence.None));
        await store.OptIns.RecordOptInAsync(Globex, n[1], new OptInGrant(now, ConsentEvidence.None));

        (await store.OptIns.RevokeManyAsync(Acme, new[] { n[0], n[1], n[2], n[1], n[4] })).Should().Be(3, "a pending request, an opt-in and an implied consent; the repeat and the number without a record delete nothing");
        (await store.OptIns.RevokeManyAsync(Acme, new[] { n[0], n[1] })).Should().Be(0, "running it again changes nothing");
        (await store.OptIns.RevokeManyAsync(Acme, ReadOnlyMemory<PhoneNumber>.Empty)).Should().Be(0);

        (await store.OptIns.GetAsync(Acme, n[0])).Should().BeNull();
        (await store.OptIns.ConfirmAsync(Acme, n[0], now, YesEvidence)).Should().BeNull("the pending request went with the record");
        (await store.OptIns.GetAsync(Acme, n[1])).Should().BeNull();
        (await store.OptIns.GetExpiringAsync(Acme, now, now.AddDays(30)).ToListAsync()).Should().BeEmpty("the implied consent left the expiry index too");
        (await store.OptIns.GetAsync(Acme, n[3]))!.Level.Should().Be(OptInLevel.OptedIn, "a number outside the batch keeps its record");
        (await store.OptIns.GetAsync(Globex, n[1]))!.Level.Should().Be(OptInLevel.OptedIn, "another account's record of the same number stays");
        await FluentActions.Awaiting(() => store.OptIns.RevokeManyAsync(Acme, new[] { n[3], default })).Should().ThrowAsync<ArgumentException>().WithParameterName("numbers");
        await FluentActions.Awaiting(() => store.OptIns.RevokeManyAsync(default, new[] { n[3] })).Should().ThrowAsync<ArgumentException>();
        (await store.OptIns.GetAsync(Acme, n[3])).Should().NotBeNull("a refused batch deletes nothing");
    }

    [SkippableFact]
    public virtual async Task Concurrent_confirmations_confirm_exactly_once()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(7), new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.OptIns.ConfirmAsync(Acme, TestNumbers.Us(7), now.AddSeconds(i), YesEvidence with { ProviderMessageId = $"SM-{i}" }))));

        var winner = results.Should().ContainSingle(r => r != null).Subject!;
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(7))).Should().BeEquivalentTo(winner);
    }

    [SkippableFact]
    public virtual async Task Concurrent_requests_store_one_within_the_resend_interval()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(8), new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend))));

        outcomes.Count(o => o == OptInRequestOutcome.Saved).Should().Be(1, "one confirmation text, however many forms arrive at once");
    }

    [SkippableFact]
    public virtual async Task Purging_deletes_only_lapsed_requests_without_an_opt_in()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var lapsed = TestNumbers.Range(3, 20);
        foreach (var number in lapsed)
        {
            await store.OptIns.SaveRequestAsync(Acme, number, new OptInConfirmationRequest(now, now.AddHours(1), FormEvidence), Resend);
        }

        await store.OptIns.RecordOptInAsync(Acme, lapsed[2], new OptInGrant(now, ConsentEvidence.None));
        await store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(30), new OptInConfirmationRequest(now, now.AddHours(5), FormEvidence), Resend);

        (await store.OptIns.PurgeExpiredRequestsAsync(now.AddMinutes(59), 100)).Should().Be(0);
        (await store.OptIns.PurgeExpiredRequestsAsync(now.AddHours(2), 1)).Should().Be(1, "the limit holds");
        (await store.OptIns.PurgeExpiredRequestsAsync(now.AddHours(2), 100)).Should().Be(1);

        (await store.OptIns.GetAsync(Acme, lapsed[0])).Should().BeNull();
        (await store.OptIns.GetAsync(Acme, lapsed[1])).Should().BeNull();
        (await store.OptIns.GetAsync(Acme, lapsed[2]))!.Level.Should().Be(OptInLevel.OptedIn, "an opt-in stays when its request lapses");
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(30))).Should().NotBeNull("still pending");
    }

    [SkippableFact]
    public virtual async Task An_implied_consent_keeps_its_basis_and_expiry_and_gives_way_only_to_an_express_or_a_longer_lasting_one()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var number = TestNumbers.Us(40);
        var purchase = new OptInGrant(now.AddMonths(-2), new ConsentEvidence { Note = "order 1" }) { Basis = ConsentBasis.Purchase, ExpiresAt = now.AddMonths(16) };

        (await store.OptIns.RecordOptInAsync(Acme, number, purchase)).Should().BeTrue();
        (await store.OptIns.GetAsync(Acme, number)).Should().BeEquivalentTo(new OptInRecord(Acme, number)
        {
            Level = OptInLevel.OptedIn, LevelAt = purchase.At, Evidence = purchase.Evidence, Basis = ConsentBasis.Purchase, ConsentExpiresAt = purchase.ExpiresAt,
        });

        var inquiry = new OptInGrant(now, ConsentEvidence.None) { Basis = ConsentBasis.Inquiry, ExpiresAt = now.AddMonths(3) };
        (await store.OptIns.RecordOptInAsync(Acme, number, inquiry)).Should().BeFalse("an inquiry that ends sooner does not shorten a purchase");
        var renewal = purchase with { At = now, ExpiresAt = now.AddMonths(18), Evidence = new ConsentEvidence { Note = "order 2" } };
        (await store.OptIns.RecordOptInAsync(Acme, number, renewal)).Should().BeTrue("a new purchase renews the relationship");
        (await store.OptIns.RecordOptInAsync(Acme, number, renewal with { ExpiresAt = renewal.ExpiresAt!.Value.AddTicks(-1) })).Should().BeFalse();
        (await Standing(store, Acme, number)).Should().Be(new OptInStanding(OptInLevel.OptedIn, ConsentBasis.Purchase, renewal.ExpiresAt));

        var express = new OptInGrant(now.AddDays(1), new ConsentEvidence { Note = "web form" });
        (await store.OptIns.RecordOptInAsync(Acme, number, express)).Should().BeTrue("express consent replaces an implied one");
        (await Standing(store, Acme, number)).Should().Be(new OptInStanding(OptInLevel.OptedIn, ConsentBasis.Express, null));
        (await store.OptIns.RecordOptInAsync(Acme, number, renewal with { ExpiresAt = now.AddYears(5) })).Should().BeFalse("an implied consent never replaces an express one");
        (await store.OptIns.GetAsync(Acme, number))!.Evidence.Should().Be(express.Evidence);

        var other = TestNumbers.Us(41);
        await store.OptIns.RecordOptInAsync(Acme, other, new OptInGrant(now, ConsentEvidence.None) { Basis = ConsentBasis.Disclosure });
        (await store.OptIns.RecordOptInAsync(Acme, other, purchase)).Should().BeFalse("a consent without expiry outlasts any that has one");
        await store.OptIns.SaveRequestAsync(Acme, other, new OptInConfirmationRequest(now, now + Lifetime, FormEvidence), Resend);
        await store.OptIns.ConfirmAsync(Acme, other, now.AddMinutes(1), YesEvidence);
        (await Standing(store, Acme, other)).Should().Be(new OptInStanding(OptInLevel.Confirmed, ConsentBasis.Express, null), "a confirmed double opt-in is express and never expires");
    }

    [SkippableFact]
    public virtual async Task Consents_expiring_in_a_window_are_listed_soonest_first_with_their_records()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var n = TestNumbers.Range(8, 50);
        async Task Implied(AccountId account, int i, int days, ConsentBasis basis = ConsentBasis.Inquiry) =>
            await store.OptIns.RecordOptInAsync(account, n[i], new OptInGrant(now.AddDays(days - 90), new ConsentEvidence { Note = $"n{i}" }) { Basis = basis, ExpiresAt = now.AddDays(days) });

        await Implied(Acme, 0, 10);
        await Implied(Acme, 1, 40);
        await Implied(Acme, 2, 5, ConsentBasis.Purchase);
        await Implied(Acme, 3, 10);
        await store.OptIns.RecordOptInAsync(Acme, n[4], new OptInGrant(now, ConsentEvidence.None));
        await Implied(Globex, 5, 6);
        await Implied(Acme, 6, 7);
        await store.OptIns.RevokeAsync(Acme, n[6]);
        await Implied(Acme, 7, -1);

        var soon = await store.OptIns.GetExpiringAsync(Acme, now, now.AddDays(30)).ToListAsync();
        soon.Select(r => r.Number).Should().Equal(n[2], n[0], n[3]);
        soon[0].Should().BeEquivalentTo(new OptInRecord(Acme, n[2])
        {
            Level = OptInLevel.OptedIn, LevelAt = now.AddDays(-85), Evidence = new ConsentEvidence { Note = "n2" }, Basis = ConsentBasis.Purchase, ConsentExpiresAt = now.AddDays(5),
        });
        (await store.OptIns.GetExpiringAsync(Acme, now.AddDays(5), now.AddDays(10)).ToListAsync()).Select(r => r.Number)
            .Should().Equal([n[0], n[3]], "the window excludes its start and includes its end");
        (await store.OptIns.GetExpiringAsync(Acme, now.AddDays(-2), now).ToListAsync()).Select(r => r.Number).Should().Equal([n[7]], "an expired consent is still listed by its expiry");
        (await store.OptIns.GetExpiringAsync(Globex, now, now.AddDays(30)).ToListAsync()).Select(r => r.Number).Should().Equal(n[5]);
        (await store.OptIns.GetExpiringAsync(Acme, now.AddDays(41), now.AddDays(400)).ToListAsync()).Should().BeEmpty();

        await store.OptIns.RecordOptInAsync(Acme, n[2], new OptInGrant(now, ConsentEvidence.None));
        (await store.OptIns.GetExpiringAsync(Acme, now, now.AddDays(30)).ToListAsync()).Select(r => r.Number).Should().Equal([n[0], n[3]], "an express opt-in leaves the list");
    }

    [SkippableFact]
    public virtual async Task Bad_grants_and_windows_are_refused_and_nothing_is_written()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var number = TestNumbers.Us(60);

        await FluentActions.Awaiting(() => store.OptIns.RecordOptInAsync(Acme, number, new OptInGrant(now, ConsentEvidence.None) { ExpiresAt = now.AddDays(1) }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*express*");
        await FluentActions.Awaiting(() => store.OptIns.RecordOptInAsync(Acme, number, new OptInGrant(now, ConsentEvidence.None) { Basis = ConsentBasis.Inquiry, ExpiresAt = now }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*not after*");
        await FluentActions.Awaiting(() => store.OptIns.RecordOptInAsync(Acme, number, new OptInGrant(now, ConsentEvidence.None) { Basis = (ConsentBasis)99 }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*99*");
        await FluentActions.Awaiting(() => store.OptIns.RecordOptInAsync(Acme, number, null!)).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => store.OptIns.GetExpiringAsync(Acme, now, now.AddDays(-1)).ToListAsync().AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.OptIns.GetExpiringAsync(default, now, now.AddDays(1)).ToListAsync().AsTask()).Should().ThrowAsync<ArgumentException>();
        (await store.OptIns.GetAsync(Acme, number)).Should().BeNull();
    }

    private static async Task<OptInStanding> Standing(TestStore store, AccountId account, Numbers.PhoneNumber number)
    {
        var standings = new OptInStanding[1];
        await store.OptIns.GetStandingsAsync(account, new[] { number }, standings);
        return standings[0];
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var request = new OptInConfirmationRequest(now, now + Lifetime, FormEvidence);

        await FluentActions.Awaiting(() => store.OptIns.SaveRequestAsync(default, TestNumbers.Us(1), request, Resend)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.OptIns.SaveRequestAsync(Acme, default, request, Resend)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(1), request with { ExpiresAt = now }, Resend))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*expires*");
        await FluentActions.Awaiting(() => store.OptIns.SaveRequestAsync(Acme, TestNumbers.Us(1), request, TimeSpan.FromSeconds(-1))).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => store.OptIns.ConfirmAsync(Acme, default, now, YesEvidence)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.OptIns.RecordOptInAsync(default, TestNumbers.Us(1), new OptInGrant(now, ConsentEvidence.None))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.OptIns.PurgeExpiredRequestsAsync(now, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await store.OptIns.GetAsync(Acme, TestNumbers.Us(1))).Should().BeNull("nothing was half-written");
    }
}
