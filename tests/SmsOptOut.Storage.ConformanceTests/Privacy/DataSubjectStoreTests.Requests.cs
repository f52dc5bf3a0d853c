using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Privacy;

/// <summary>
/// The requests part of <see cref="IDataSubjectStore"/>: kept by reference across the deployment (a second with the same
/// reference refused), extended once and closed once — atomically, so of concurrent changes one wins — listed open by
/// deadline, kept when closed (and across a restart where the storage is durable), closed by the erasure that answers
/// them, and never holding the number.
/// </summary>
public abstract partial class DataSubjectStoreTests<TFixture>
{
    private static readonly DateTimeOffset Received = TestStore.Epoch.AddDays(-3);

    [SkippableFact]
    public virtual async Task A_request_is_kept_by_reference_and_a_second_with_the_same_reference_is_refused()
    {
        await using var store = Fixture.CreateStore();
        var request = Request("ticket-1", 30) with { Account = Acme };
        var everyAccount = Request("ticket-2", 45) with { Kind = DataSubjectRequestKind.Access, Law = DataProtectionLaw.Ccpa };

        (await store.DataSubjects.AddRequestAsync(request)).Should().BeTrue();
        (await store.DataSubjects.AddRequestAsync(everyAccount)).Should().BeTrue();
        (await store.DataSubjects.AddRequestAsync(Request("ticket-1", 10) with { Kind = DataSubjectRequestKind.Access })).Should().BeFalse("the reference exists");

        (await store.DataSubjects.GetRequestAsync("ticket-1")).Should().Be(request, "the first is kept unchanged");
        (await store.DataSubjects.GetRequestAsync("ticket-2")).Should().Be(everyAccount);
        (await store.DataSubjects.GetRequestAsync("ticket-3")).Should().BeNull();
        (await store.DataSubjects.GetRequestAsync("TICKET-1")).Should().BeNull("references compare ordinally");
    }

    [SkippableFact]
    public virtual async Task A_request_is_extended_once_closed_once_and_kept_when_closed()
    {
        await using var store = Fixture.CreateStore();
        var subjects = store.DataSubjects;
        await subjects.AddRequestAsync(Request("ticket-1", 30) with { Account = Acme });
        await subjects.AddRequestAsync(Request("ticket-2", 30));
        var extendedTo = Received.AddDays(60);
        var closedAt = TestStore.Epoch.AddHours(5);

        (await subjects.ExtendRequestAsync("ticket-1", extendedTo, "identity being verified")).Should().BeTrue();
        (await subjects.ExtendRequestAsync("ticket-1", extendedTo.AddDays(30), "again")).Should().BeFalse("one extension");
        (await subjects.CloseRequestAsync("ticket-1", closedAt, "access report sent by e-mail")).Should().BeTrue();
        (await subjects.CloseRequestAsync("ticket-1", closedAt.AddDays(1), "again")).Should().BeFalse("closed already");
        (await subjects.CloseRequestAsync("ticket-2", closedAt, "answered")).Should().BeTrue();
        (await subjects.ExtendRequestAsync("ticket-2", extendedTo, "too late")).Should().BeFalse("a closed request is not extended");
        (await subjects.ExtendRequestAsync("nope", extendedTo, "x")).Should().BeFalse();
        (await subjects.CloseRequestAsync("nope", closedAt, "x")).Should().BeFalse();

        var expected = Request("ticket-1", 30) with
        {
            Account = Acme, ExtendedDueAt = extendedTo, ExtensionReason = "identity being verified", ClosedAt = closedAt, Resolution = "access report sent by e-mail",
        };
        (await subjects.GetRequestAsync("ticket-1")).Should().Be(expected);
        (await subjects.GetRequestAsync("ticket-2")).Should().Be(Request("ticket-2", 30) with { ClosedAt = closedAt, Resolution = "answered" }, "closing leaves it unextended");
        (await OpenAsync(store)).Should().BeEmpty();
        if (Fixture.Capabilities.HasFlag(StorageCapabilities.Durable))
        {
            await store.ReopenAsync();
            (await store.DataSubjects.GetRequestAsync("ticket-1")).Should().Be(expected, "closed requests are the record of how they were answered");
        }
    }

    [SkippableFact]
    public virtual async Task Open_requests_are_listed_soonest_deadline_first_and_an_extension_moves_one_back()
    {
        await using var store = Fixture.CreateStore();
        var subjects = store.DataSubjects;
        foreach (var (reference, days) in new[] { ("a-30", 30), ("b-10", 10), ("d-20", 20), ("c-20", 20), ("e-5", 5) })
        {
            await subjects.AddRequestAsync(Request(reference, days) with { Account = reference == "d-20" ? Globex : null });
        }

        await subjects.CloseRequestAsync("e-5", TestStore.Epoch, "answered");
        var first = await OpenAsync(store);
        await subjects.ExtendRequestAsync("b-10", Received.AddDays(40), "complex request");
        var second = await OpenAsync(store);

        first.Select(r => r.Reference).Should().Equal(["b-10", "c-20", "d-20", "a-30"], "soonest deadline first, then by reference; closed ones are not open");
        first.Single(r => r.Reference == "d-20").Account.Should().Be(Globex);
        second.Select(r => r.Reference).Should().Equal(["c-20", "d-20", "a-30", "b-10"], "the extended deadline counts");
        second[^1].Deadline.Should().Be(Received.AddDays(40));
    }

    [SkippableFact]
    public virtual async Task Of_concurrent_changes_to_a_request_exactly_one_succeeds()
    {
        await using var store = Fixture.CreateStore();
        await store.DataSubjects.AddRequestAsync(Request("ticket-1", 30));
        await store.DataSubjects.AddRequestAsync(Request("ticket-2", 30));
        // Two instances over the same storage where it is shared; otherwise the one instance from several threads.
        await using var another = store.BuildAnotherInstance();
        var subjects = new[] { store.DataSubjects, Fixture.Capabilities.HasFlag(StorageCapabilities.Shared) ? another.GetRequiredService<IDataSubjectStore>() : store.DataSubjects };

        var closings = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            subjects[i % 2].CloseRequestAsync("ticket-1", TestStore.Epoch.AddMinutes(i), "answer " + i))));
        var extensions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            subjects[i % 2].ExtendRequestAsync("ticket-2", Received.AddDays(31 + i), "reason " + i))));
        var adds = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            subjects[i % 2].AddRequestAsync(Request("ticket-3", 30 + i)))));

        closings.Count(c => c).Should().Be(1);
        extensions.Count(e => e).Should().Be(1);
        adds.Count(a => a).Should().Be(1);
        var closed = (await store.DataSubjects.GetRequestAsync("ticket-1"))!;
        closed.Resolution.Should().Be("answer " + Array.IndexOf(closings, true), "the one that succeeded wrote its answer");
        closed.ClosedAt.Should().Be(TestStore.Epoch.AddMinutes(Array.IndexOf(closings, true)));
        (await store.DataSubjects.GetRequestAsync("ticket-2"))!.ExtensionReason.Should().Be("reason " + Array.IndexOf(extensions, true));
        (await store.DataSubjects.GetRequestAsync("ticket-3"))!.DueAt.Should().Be(Received.AddDays(30 + Array.IndexOf(adds, true)));
    }

    [SkippableFact]
    public virtual async Task An_erasure_closes_the_open_erasure_request_it_answers_and_no_request_holds_the_number()
    {
        await using var store = Fixture.CreateStore();
        await SeedAsync(store);
        var service = store.DataSubjectService;
        var digits = Erased.ToString()[1..];
        await service.RecordRequestAsync(new DataSubjectRequest("ticket-31", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr) { Number = Erased, Account = Acme });
        await service.RecordRequestAsync(new DataSubjectRequest("ticket-32", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr) { Number = ListOnly });
        var withNumber = () => service.RecordRequestAsync(new DataSubjectRequest("call " + Erased, DataSubjectRequestKind.Access, DataProtectionLaw.Gdpr) { Number = Erased });

        await service.EraseAsync(new ErasureRequest(Erased, "ticket-31", "GDPR Art. 17 request by e-mail"));
        await service.EraseAsync(new ErasureRequest(ListOnly, "ticket-32", "GDPR Art. 17 request by e-mail") { Account = Acme });

        (await withNumber.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Reference");
        var closed = (await store.DataSubjects.GetRequestAsync("ticket-31"))!;
        closed.ClosedAt.Should().Be(TestStore.Epoch);
        closed.Resolution.Should().Be("erased");
        (await OpenAsync(store)).Select(r => r.Reference).Should().Equal(["ticket-32"], "it concerns every account; erasing one does not answer it");
        foreach (var request in new[] { closed, (await store.DataSubjects.GetRequestAsync("ticket-32"))! })
        {
            request.ToString().Should().NotContain(digits[^8..], "the record holds no number");
        }
    }

    /// <summary>A new GDPR erasure request received three days before the test clock's start, due <paramref name="days"/> days after.</summary>
    private static DataSubjectRequestRecord Request(string reference, int days) =>
        new(reference, DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr, Received, Received.AddDays(days));

    private static async Task<List<DataSubjectRequestRecord>> OpenAsync(TestStore store)
    {
        var open = new List<DataSubjectRequestRecord>();
        await foreach (var request in store.DataSubjects.GetOpenRequestsAsync())
        {
            open.Add(request);
        }

        return open;
    }
}
