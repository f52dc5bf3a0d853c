using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>
/// Reconciliation against a local stub of SMS.to's <c>GET /v1/recent/optouts</c>, whose answer SMS.to does not document:
/// each shape the reader accepts, what it skips, and the shape it cannot read named.
/// </summary>
public sealed class SmsToReconciliationTests
{
    private static readonly SmsToFixture Fixture = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Answers => new()
    {
        """[{"phone":"+35799100001","created_at":"2026-12-05T10:00:00Z"},{"phone":"35799100002","created_at":"2026-12-05 11:00:00"},{"phone":"+35799100003"},{"created_at":"2026-12-05T10:00:00Z"}]""",
        """{"success":true,"data":[{"phone_number":"+35799100001","updated_at":"2026-12-05T10:00:00+00:00"},{"msisdn":"35799100002","timestamp":"1796468400"},{"phone":"x","date":"2026-12-05"}]}""",
        """{"optouts":[{"number":"+35799100001","date":"2026-12-05T10:00:00Z"},{"unsubscribed_number":"+35799100002","unsubscribed_at":"2026-12-05T11:00:00Z"}]}""",
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_readable_shape_records_the_opt_outs_it_holds_and_skips_what_has_no_number_or_time(string answer)
    {
        await using var host = await ProviderHost.StartAsync(Fixture, new FakeTimeProvider(Now));
        host.Api.Handle = async (request, context) =>
        {
            request.Path.Should().Be("/v1/recent/optouts");
            request.Header("authorization").Should().Be("Bearer " + SmsToFixture.ApiKey);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        };

        var result = (await host.Services.GetRequiredService<IProviderReconciliation>().ReconcileAsync(ProviderHost.Account, "smsto")).Single();

        result.Should().Match<ReconciliationResult>(r => r.Completed && r.Read == 2 && r.Recorded == 2);
        (await host.IsSuppressedAsync(PhoneNumber.Parse("+35799100001"))).Should().BeTrue();
        (await host.IsSuppressedAsync(PhoneNumber.Parse("+35799100002"))).Should().BeTrue();
        (await host.HistoryAsync(PhoneNumber.Parse("+35799100001"))).Single().Evidence.ProviderName.Should().Be("smsto", "an opt-out SMS.to holds is never pushed back to it");
        host.Api.Requests.Should().ContainSingle("one page: SMS.to's client calls it without parameters");
    }

    [Fact]
    public async Task An_answer_of_another_shape_stops_the_run_naming_what_was_expected()
    {
        await using var host = await ProviderHost.StartAsync(Fixture, new FakeTimeProvider(Now));
        host.Api.Handle = (_, context) => context.Response.WriteAsync("""{"message":"ok"}""");

        var result = (await host.Services.GetRequiredService<IProviderReconciliation>().ReconcileAsync(ProviderHost.Account, "smsto")).Single();

        result.Completed.Should().BeFalse();
        result.Error.Should().Contain("neither an array nor an object with a \"data\" array");
    }
}
