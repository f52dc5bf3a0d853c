using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Tests.Links;

namespace SmsOptOut.Tests.Privacy;

/// <summary>
/// Requests with deadlines (docs/compliance.md, "Request deadlines"): each law's due date and extension on a walking
/// fake clock — month ends, CCPA's 45th day against the 46th, Québec's strict reading — and every refusal naming the
/// field or the rule.
/// </summary>
public sealed class RequestDeadlineTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly AccountId Globex = new("globex");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+4917612345678");

    public static TheoryData<DataProtectionLaw, string, string, string?> Laws() => new()
    {
        // law, received (UTC), due, latest extension (null: none)
        { DataProtectionLaw.Gdpr, "2027-01-31T10:00:00Z", "2027-02-28T10:00:00Z", "2027-04-30T10:00:00Z" },
        { DataProtectionLaw.Gdpr, "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z", "2028-04-30T10:00:00Z" },
        { DataProtectionLaw.UkGdpr, "2026-03-31T23:30:00Z", "2026-04-30T23:30:00Z", "2026-06-30T23:30:00Z" },
        { DataProtectionLaw.Ccpa, "2026-12-01T09:00:00Z", "2027-01-15T09:00:00Z", "2027-03-01T09:00:00Z" },
        { DataProtectionLaw.Pipeda, "2026-12-01T09:00:00Z", "2026-12-31T09:00:00Z", "2027-01-30T09:00:00Z" },
        { DataProtectionLaw.Quebec, "2026-12-01T09:00:00Z", "2026-12-31T09:00:00Z", null },
    };

    [Theory]
    [MemberData(nameof(Laws))]
    public async Task Each_law_sets_its_due_date_and_a_request_is_overdue_only_once_it_has_passed(DataProtectionLaw law, string received, string due, string? extended)
    {
        await using var host = Host(received);
        var subjects = Subjects(host);

        var record = await subjects.RecordRequestAsync(new DataSubjectRequest("ticket-1", DataSubjectRequestKind.Access, law) { Account = Acme });

        record.ReceivedAt.Should().Be(At(received));
        record.DueAt.Should().Be(At(due));
        host.Time.Advance(At(due) - At(received) - TimeSpan.FromSeconds(1));
        (await OpenAsync(subjects)).Single().IsOverdue(host.Time.GetUtcNow()).Should().BeFalse("a second before the due date");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        (await OpenAsync(subjects)).Single().IsOverdue(host.Time.GetUtcNow()).Should().BeFalse("at the due date it is not late yet");
        host.Time.Advance(TimeSpan.FromTicks(1));
        (await OpenAsync(subjects)).Single().IsOverdue(host.Time.GetUtcNow()).Should().BeTrue("just after the due date it is late");

        await using var early = Host(received);
        early.Time.Advance(TimeSpan.FromDays(1));
        var extend = () => Subjects(early).ExtendRequestAsync("ticket-1", "identity being verified; the person was told on day 2");
        await Subjects(early).RecordRequestAsync(new DataSubjectRequest("ticket-1", DataSubjectRequestKind.Access, law) { ReceivedAt = At(received) });
        if (extended is null)
        {
            (await extend.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("allows no extension").And.Contain("strict reading");
            (await Subjects(early).GetRequestAsync("ticket-1"))!.ExtendedDueAt.Should().BeNull();
        }
        else
        {
            var longer = await extend();
            longer.ExtendedDueAt.Should().Be(At(extended));
            longer.Deadline.Should().Be(At(extended));
            longer.IsOverdue(At(due).AddDays(1)).Should().BeFalse("the extension moved the deadline");
            (await Subjects(early).GetRequestAsync("ticket-1")).Should().Be(longer);
        }
    }

    [Fact]
    public async Task Under_the_ccpa_a_request_is_on_time_on_its_45th_day_and_late_on_its_46th()
    {
        await using var host = Host("2026-12-01T09:00:00Z");
        var subjects = Subjects(host);
        await subjects.RecordRequestAsync(new DataSubjectRequest("ccpa-7", DataSubjectRequestKind.Erasure, DataProtectionLaw.Ccpa));

        host.Time.Advance(TimeSpan.FromDays(44) + TimeSpan.FromHours(23));
        var day45 = (await OpenAsync(subjects)).Single().IsOverdue(host.Time.GetUtcNow());
        host.Time.Advance(TimeSpan.FromDays(1));
        var day46 = (await OpenAsync(subjects)).Single().IsOverdue(host.Time.GetUtcNow());

        day45.Should().BeFalse("2027-01-15, day 45");
        day46.Should().BeTrue("2027-01-16, day 46");
    }

    [Fact]
    public async Task A_request_logged_late_runs_from_its_receipt_and_one_in_the_future_is_refused()
    {
        await using var host = Host("2026-12-10T12:00:00Z");
        var subjects = Subjects(host);

        var late = await subjects.RecordRequestAsync(new DataSubjectRequest("t-late", DataSubjectRequestKind.Access, DataProtectionLaw.Pipeda)
        {
            ReceivedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(-5)),
        });
        var future = () => subjects.RecordRequestAsync(new DataSubjectRequest("t-future", DataSubjectRequestKind.Access, DataProtectionLaw.Gdpr)
        {
            ReceivedAt = host.Time.GetUtcNow().AddMinutes(1),
        });

        late.ReceivedAt.Should().Be(new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero));
        late.DueAt.Should().Be(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero));
        late.IsOverdue(host.Time.GetUtcNow()).Should().BeTrue("logged after its 30 days had run");
        var error = (await future.Should().ThrowAsync<ArgumentException>()).Which;
        error.ParamName.Should().Be("ReceivedAt");
        error.Message.Should().Contain("is in the future; expected when the request arrived, now (2026-12-10 12:00Z) or earlier");
        (await subjects.GetRequestAsync("t-future")).Should().BeNull();
    }

    [Theory]
    [InlineData("empty reference", "Reference", "must be 1 to 200 printable characters")]
    [InlineData("number in reference", "Reference", "contains the person's number")]
    [InlineData("undefined kind", "Kind", "expected Access, Erasure or Objection")]
    [InlineData("undefined law", "Law", "expected Gdpr, UkGdpr, Ccpa, Pipeda or Quebec")]
    [InlineData("objection under the CCPA", "Kind", "no deadline for one under the CCPA is sourced")]
    [InlineData("default account", "Account", "expected an account id, or null for every account")]
    public async Task A_malformed_request_is_refused_naming_the_field_and_what_was_expected(string scenario, string field, string expected)
    {
        await using var host = Host("2026-12-01T09:00:00Z");
        var request = new DataSubjectRequest("ticket-1", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr) { Number = Person };
        request = scenario switch
        {
            "empty reference" => request with { Reference = " " },
            "number in reference" => request with { Reference = "call from 0176 1234 5678" },
            "undefined kind" => request with { Kind = (DataSubjectRequestKind)9 },
            "undefined law" => request with { Law = (DataProtectionLaw)9 },
            "objection under the CCPA" => request with { Kind = DataSubjectRequestKind.Objection, Law = DataProtectionLaw.Ccpa },
            _ => request with { Account = default(AccountId) },
        };

        var act = () => Subjects(host).RecordRequestAsync(request);

        var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        error.ParamName.Should().Be(field);
        error.Message.Should().Contain(expected);
        (await OpenAsync(Subjects(host))).Should().BeEmpty();
    }

    [Fact]
    public async Task An_objection_is_kept_under_the_gdpr_and_a_reference_is_used_once()
    {
        await using var host = Host("2026-12-01T09:00:00Z");
        var subjects = Subjects(host);

        var objection = await subjects.RecordRequestAsync(new DataSubjectRequest("obj-1", DataSubjectRequestKind.Objection, DataProtectionLaw.UkGdpr) { Number = Person });
        var again = () => subjects.RecordRequestAsync(new DataSubjectRequest("obj-1", DataSubjectRequestKind.Access, DataProtectionLaw.Gdpr));

        objection.DueAt.Should().Be(At("2027-01-01T09:00:00Z"));
        (await again.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("A request with reference 'obj-1' is recorded already (objection under UkGdpr, received 2026-12-01, open)");
        (await subjects.GetRequestAsync("obj-1")).Should().Be(objection);
    }

    [Fact]
    public async Task An_extension_is_refused_once_taken_after_the_due_date_or_after_closing_and_closing_twice_is_refused()
    {
        await using var host = Host("2026-12-01T09:00:00Z");
        var subjects = Subjects(host);
        foreach (var reference in new[] { "t-1", "t-2", "t-3" })
        {
            await subjects.RecordRequestAsync(new DataSubjectRequest(reference, DataSubjectRequestKind.Access, DataProtectionLaw.Gdpr));
        }

        await subjects.ExtendRequestAsync("t-1", "many records to search");
        var closed = await subjects.CloseRequestAsync("t-2", "access report sent by e-mail");
        host.Time.Advance(TimeSpan.FromDays(32));

        (await ((Func<Task>)(() => subjects.ExtendRequestAsync("t-1", "again"))).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Be("Request 't-1' cannot be extended: it was extended already, to 2027-03-01 09:00Z; the GDPR allows one extension.");
        (await ((Func<Task>)(() => subjects.ExtendRequestAsync("t-2", "late"))).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("it was closed on 2026-12-01 (access report sent by e-mail)");
        (await ((Func<Task>)(() => subjects.ExtendRequestAsync("t-3", "late"))).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("its due date 2027-01-01 09:00Z has passed; an extension must be taken, and the person told, before it");
        (await ((Func<Task>)(() => subjects.CloseRequestAsync("t-2", "again"))).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Be("Request 't-2' is closed already, since 2026-12-01 09:00Z (access report sent by e-mail).");
        (await ((Func<Task>)(() => subjects.CloseRequestAsync("t-9", "answered"))).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("No request with reference 't-9' is recorded");
        (await ((Func<Task>)(() => subjects.CloseRequestAsync("t-3", ""))).Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("resolution");
        closed.ClosedAt.Should().Be(At("2026-12-01T09:00:00Z"));
        (await OpenAsync(subjects)).Select(r => (r.Reference, r.IsOverdue(host.Time.GetUtcNow()))).Should().Equal(("t-3", true), ("t-1", false));
    }

    [Fact]
    public async Task An_erasure_closes_only_an_open_erasure_request_it_covers()
    {
        await using var host = Host("2026-12-01T09:00:00Z", o => o.DataProtection.PseudonymKeys.Add(new PseudonymKey { Id = 1, Secret = LinkHost.Key1 }));
        var subjects = Subjects(host);
        await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.Api));
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-acme", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr) { Account = Acme });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-globex", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr) { Account = Globex });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-access", DataSubjectRequestKind.Access, DataProtectionLaw.Gdpr));
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-nothing", DataSubjectRequestKind.Erasure, DataProtectionLaw.Ccpa));
        host.Time.Advance(TimeSpan.FromDays(2));

        await subjects.EraseAsync(new ErasureRequest(Person, "t-acme", "request"));
        await subjects.EraseAsync(new ErasureRequest(Person, "t-globex", "request") { Account = Acme });
        await subjects.EraseAsync(new ErasureRequest(Person, "t-access", "request"));
        var nothing = await subjects.EraseAsync(new ErasureRequest(PhoneNumber.Parse("+4917612345670"), "t-nothing", "request"));

        (await subjects.GetRequestAsync("t-acme")).Should().Match<DataSubjectRequestRecord>(r => r.Resolution == "erased" && r.ClosedAt == At("2026-12-03T09:00:00Z"));
        nothing.Found.Should().BeFalse();
        (await subjects.GetRequestAsync("t-nothing"))!.Resolution.Should().Be("erased: nothing was held", "the erasure was made; there was nothing to erase");
        (await OpenAsync(subjects)).Select(r => r.Reference).Should().BeEquivalentTo(["t-globex", "t-access"], "an erasure in acme does not answer globex's request, nor an access request");
    }

    [Fact]
    public async Task Open_requests_of_an_account_include_those_of_every_account()
    {
        await using var host = Host("2026-12-01T09:00:00Z");
        var subjects = Subjects(host);
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-acme", DataSubjectRequestKind.Access, DataProtectionLaw.Gdpr) { Account = Acme });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-globex", DataSubjectRequestKind.Access, DataProtectionLaw.Pipeda) { Account = Globex });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-all", DataSubjectRequestKind.Erasure, DataProtectionLaw.Ccpa));

        (await OpenAsync(subjects, Acme)).Select(r => r.Reference).Should().Equal("t-acme", "t-all");
        (await OpenAsync(subjects, Globex)).Select(r => r.Reference).Should().Equal("t-globex", "t-all");
        (await OpenAsync(subjects)).Select(r => r.Reference).Should().Equal("t-globex", "t-acme", "t-all");
    }

    private static LinkHost Host(string now, Action<SmsOptOutOptions>? configure = null) => new(configure, new FakeTimeProvider(At(now)));

    private static IDataSubjectService Subjects(LinkHost host) => host.Services.GetRequiredService<IDataSubjectService>();

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<DataSubjectRequestRecord>> OpenAsync(IDataSubjectService subjects, AccountId? account = null)
    {
        var open = new List<DataSubjectRequestRecord>();
        await foreach (var request in subjects.GetOpenRequestsAsync(account))
        {
            open.Add(request);
        }

        return open;
    }
}
