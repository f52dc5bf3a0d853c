using System.Net;
using System.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;
using SmsOptOut.Suppression;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.Telnyx.Tests;

/// <summary>
/// Reconciliation against a local stub of Telnyx's <c>GET /v2/messaging_optouts</c> (its documented shape, paged as
/// Telnyx's SDK pages it): opt-outs SmsOptOut lacks are recorded, those it has are counted, those an opt-in here has
/// superseded are left alone; a second run finds nothing; a run killed midway resumes at its page.
/// </summary>
public sealed class TelnyxReconciliationTests
{
    private static readonly TelnyxFixture Fixture = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly PhoneNumber Lacked1 = PhoneNumber.Parse("+13125550001");
    private static readonly PhoneNumber Lacked2 = PhoneNumber.Parse("+13125550002");
    private static readonly PhoneNumber Had = PhoneNumber.Parse("+13125550003");
    private static readonly PhoneNumber Resubscribed = PhoneNumber.Parse("+13125550004");
    private static readonly PhoneNumber Lacked3 = PhoneNumber.Parse("+13125550005");

    /// <summary>Three pages of two: what Telnyx holds for the account.</summary>
    private static readonly (PhoneNumber To, string CreatedAt, string? Keyword)[][] Pages =
    [
        [(Lacked1, "2026-12-05 08:00:00.123456+00:00", "STOP"), (Had, "2026-12-05 09:00:00.000000+00:00", "STOP")],
        [(Resubscribed, "2026-12-01 10:00:00.000000+00:00", "STOP"), (Lacked2, "2026-12-05T10:30:00Z", null)],
        [(Lacked3, "2026-12-06 11:00:00.000000+00:00", "UNSUBSCRIBE"), (PhoneNumber.Parse("+13125550006"), "not a time", "STOP")],
    ];

    [Fact]
    public async Task Records_what_it_lacks_counts_what_it_has_leaves_what_an_opt_in_superseded_and_finds_nothing_the_second_time()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = await StartAsync(time);
        await SeedAsync(host);
        Answer(host, failOnPage: null);

        var first = (await Reconciliation(host).ReconcileAsync(ProviderHost.Account)).Single();
        time.Advance(TimeSpan.FromHours(1));
        var second = (await Reconciliation(host).ReconcileAsync(ProviderHost.Account, "telnyx")).Single();

        first.Should().Match<ReconciliationResult>(r => r.Provider == "telnyx" && r.Completed && r.Read == 5 && r.Recorded == 3 && r.AlreadySuppressed == 1 && r.Superseded == 1);
        first.Through.Should().Be(Now);
        (await host.IsSuppressedAsync(Lacked1)).Should().BeTrue();
        (await host.IsSuppressedAsync(Lacked2)).Should().BeTrue();
        (await host.IsSuppressedAsync(Lacked3)).Should().BeTrue();
        (await host.IsSuppressedAsync(Resubscribed)).Should().BeFalse("the person opted in here after Telnyx's opt-out: reconciliation never undoes a later consent");
        var recorded = (await host.HistoryAsync(Lacked1)).Should().ContainSingle().Subject;
        recorded.Source.Should().Be(OptOutSource.ProviderError);
        recorded.OccurredAt.Should().Be(new DateTimeOffset(2026, 12, 5, 8, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), "Telnyx's time, to the microsecond");
        recorded.Evidence.ProviderName.Should().Be("telnyx");
        recorded.Evidence.Note.Should().Contain("Found by reconciliation").And.Contain("keyword STOP").And.Contain("+18005550100");
        (await host.HistoryAsync(Had)).Should().ContainSingle("what SmsOptOut had is not recorded again");
        second.Should().Match<ReconciliationResult>(r => r.Completed && r.Recorded == 0 && r.Read == 5 && r.AlreadySuppressed == 4 && r.Superseded == 1);

        host.Api.Requests.Should().HaveCount(6).And.OnlyContain(r => r.Header("authorization") == "Bearer " + TelnyxFixture.ApiKey);
    }

    [Fact]
    public async Task Asks_for_the_window_unredacted_page_by_page_and_reads_again_the_overlap()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = await StartAsync(time);
        var queries = new List<System.Collections.Specialized.NameValueCollection>();
        Answer(host, failOnPage: null, queries);

        await Reconciliation(host).ReconcileAsync(ProviderHost.Account);
        time.Advance(TimeSpan.FromHours(2));
        await Reconciliation(host).ReconcileAsync(ProviderHost.Account);

        queries.Should().HaveCount(6);
        queries.Select(q => q["page[number]"]).Should().Equal("1", "2", "3", "1", "2", "3");
        queries.Should().OnlyContain(q => q["redaction_enabled"] == "false" && q["page[size]"] == "250");
        queries[0]["created_at[gte]"].Should().BeNull("the first run reads everything Telnyx holds");
        queries[0]["created_at[lte]"].Should().Be("2026-12-06T12:00:00.000Z");
        queries[3]["created_at[gte]"].Should().Be("2026-12-05T12:00:00.000Z", "the next run starts a day (the overlap) before the last one ended");
        queries[3]["created_at[lte]"].Should().Be("2026-12-06T14:00:00.000Z");
    }

    [Fact]
    public async Task A_run_that_stops_midway_resumes_at_its_page_with_the_same_window_and_counts_exactly()
    {
        var time = new FakeTimeProvider(Now);
        await using var host = await StartAsync(time);
        await SeedAsync(host);
        var queries = new List<System.Collections.Specialized.NameValueCollection>();
        Answer(host, failOnPage: 3, queries);

        var stopped = (await Reconciliation(host).ReconcileAsync(ProviderHost.Account)).Single();
        time.Advance(TimeSpan.FromMinutes(30));
        Answer(host, failOnPage: null, queries);
        var resumed = (await Reconciliation(host).ReconcileAsync(ProviderHost.Account)).Single();

        stopped.Completed.Should().BeFalse();
        stopped.Error.Should().Contain("Telnyx answered HTTP 503");
        stopped.Recorded.Should().Be(2, "pages 1 and 2 were read");
        (await host.IsSuppressedAsync(Lacked3)).Should().BeTrue();
        queries.Select(q => q["page[number]"]).Should().Equal("1", "2", "3", "3");
        queries[3]["created_at[lte]"].Should().Be(queries[0]["created_at[lte]"], "a resumed run keeps its window, so its pages do not shift");
        resumed.Should().Match<ReconciliationResult>(r => r.Completed && r.Read == 5 && r.Recorded == 3 && r.AlreadySuppressed == 1 && r.Superseded == 1);
        resumed.Through.Should().Be(Now);
        (await Reconciliation(host).GetLastRunsAsync().ToListAsync()).Should().ContainSingle().Which.Recorded.Should().Be(3);
    }

    [Fact]
    public async Task An_unknown_provider_name_and_a_refusing_API_are_named()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Now));
        host.Api.Handle = async (_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"errors":[{"code":"10009","title":"Authentication failed"}]}""");
        };

        var unknown = () => Reconciliation(host).ReconcileAsync(ProviderHost.Account, "twilio");
        var refused = (await Reconciliation(host).ReconcileAsync(ProviderHost.Account)).Single();

        await unknown.Should().ThrowAsync<ArgumentException>().WithMessage("*'twilio'*telnyx*");
        refused.Completed.Should().BeFalse();
        refused.Error.Should().Contain("HTTP 401").And.Contain("Authentication failed").And.NotContain(TelnyxFixture.ApiKey);
    }

    private static IProviderReconciliation Reconciliation(ProviderHost host) => host.Services.GetRequiredService<IProviderReconciliation>();

    private static Task<ProviderHost> StartAsync(TimeProvider time) =>
        ProviderHost.StartAsync(Fixture, time, configure: b => b.Services.Configure<TelnyxOptions>(o => o.MessagingProfileId = "740572b6-099c-44a1-89b9-6c92163bc68d"));

    /// <summary>What SmsOptOut knows: <see cref="Had"/> opted out; <see cref="Resubscribed"/> opted in after Telnyx's opt-out.</summary>
    private static async Task SeedAsync(ProviderHost host)
    {
        var optOut = host.Services.GetRequiredService<IOptOutService>();
        await optOut.OptOutAsync(new ConsentRequest(ProviderHost.Account, Had, OptOutSource.Keyword));
        await optOut.OptOutAsync(new ConsentRequest(ProviderHost.Account, Resubscribed, OptOutSource.Keyword) { OccurredAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero) });
        await optOut.OptInAsync(new ConsentRequest(ProviderHost.Account, Resubscribed, OptOutSource.Api) { OccurredAt = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero) });
    }

    private static void Answer(ProviderHost host, int? failOnPage, List<System.Collections.Specialized.NameValueCollection>? queries = null) =>
        host.Api.Handle = async (request, context) =>
        {
            var query = HttpUtility.ParseQueryString(context.Request.QueryString.Value ?? string.Empty);
            queries?.Add(query);
            context.Request.Path.Value.Should().Be("/v2/messaging_optouts");
            query["filter[messaging_profile_id]"].Should().Be("740572b6-099c-44a1-89b9-6c92163bc68d");
            var page = int.Parse(query["page[number]"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (page == failOnPage)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("""{"errors":[{"code":"10011","title":"Service unavailable"}]}""");
                return;
            }

            var items = string.Join(",", Pages[page - 1].Select(p =>
                $$"""{"from":"+18005550100","to":"{{p.To}}","messaging_profile_id":"740572b6-099c-44a1-89b9-6c92163bc68d","keyword":{{(p.Keyword is null ? "null" : "\"" + p.Keyword + "\"")}},"created_at":"{{p.CreatedAt}}"}"""));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"data":[{{{items}}}],"meta":{"total_pages":3,"total_results":6,"page_number":{{{page}}},"page_size":2}}""");
        };
}
