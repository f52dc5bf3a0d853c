using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.ConformanceTests;

/// <summary>
/// For providers whose webhooks carry a one-time value: a captured STOP replayed to another app instance, or after a
/// restart, is refused — the value is kept in the store (here SQLite, shared by the instances) — and the person's later
/// opt-in stands.
/// </summary>
/// <typeparam name="TFixture">The provider's fixture.</typeparam>
[ProviderSuite(Requires = ProviderCapabilities.ReplayGuard)]
public abstract class ProviderReplayTests<TFixture>
    where TFixture : ProviderFixture, new()
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    /// <summary>The provider under test.</summary>
    protected TFixture Fixture { get; } = new();

    /// <summary>Every scheme of the provider with a one-time value.</summary>
    public static TheoryData<string> Schemes => [.. new TFixture().SchemesWith(ProviderCapabilities.ReplayGuard)];

    [Theory]
    [MemberData(nameof(Schemes))]
    public virtual async Task A_replay_to_another_instance_or_after_a_restart_is_refused_and_the_later_opt_in_stands(string scheme)
    {
        var file = Path.Combine(Path.GetTempPath(), $"smsoptout-replay-{Guid.NewGuid():N}.db");
        var url = ProviderHost.InboundUrl(Fixture);
        var now = DateTimeOffset.UtcNow;
        try
        {
            HttpResponseMessage first, toOther, afterRestart;
            await using (var a = await StartAsync(file))
            await using (var b = await StartAsync(file))
            {
                first = await a.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, url, Person, ProviderHost.AccountNumber, "replay-1", now, scheme));
                await b.Services.GetRequiredOptOutService().OptInAsync(new ConsentRequest(ProviderHost.Account, Person, OptOutSource.Api));
                toOther = await b.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, url, Person, ProviderHost.AccountNumber, "replay-1", now, scheme));
            }

            await using (var c = await StartAsync(file))
            {
                afterRestart = await c.Client.SendAsync(Fixture.OptOutWebhook(InboundCase.Valid, url, Person, ProviderHost.AccountNumber, "replay-1", now, scheme));
                (await c.IsSuppressedAsync(Person)).Should().BeFalse("the replays changed nothing: the later opt-in stands");
                (await c.HistoryAsync(Person)).Should().HaveCount(2);
            }

            first.IsSuccessStatusCode.Should().BeTrue(await first.Content.ReadAsStringAsync());
            toOther.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the one-time value was used on another instance");
            afterRestart.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the one-time value was used before the restart");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private Task<ProviderHost> StartAsync(string file) => ProviderHost.StartAsync(Fixture, configure: b => b.UseSqlite($"Data Source={file}"));
}
