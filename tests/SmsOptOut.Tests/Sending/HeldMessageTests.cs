using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>
/// Held messages: a fake clock walks a day while the scheduler runs every half hour; each recipient gets the message
/// at the first half hour their local time allows — and not at all if they opted out in between.
/// </summary>
public sealed class HeldMessageTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly QuietHoursRule EightToNine = new() { Name = "8-21 everywhere", Earliest = new(8, 0), Latest = new(21, 0) };

    [Fact]
    public async Task Recipients_around_the_world_get_a_night_send_at_their_own_morning_and_an_opt_out_in_between_is_honoured()
    {
        // 1 July 2026, 00:00 UTC: New York 20:00 EDT, San Francisco 17:00 PDT, Sydney 10:00 AEST open; London 01:00 BST,
        // Mumbai 05:30 IST closed, and a toll-free number, which may ring in every zone of +1: St. John's is at 21:30 NDT.
        var (services, transport, time) = Build(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), EightToNine);
        await using var _ = services;
        string[] recipients = ["+12125550100", "+14155550100", "+61212345678", "+18005550100", "+442071234567", "+919876543210", "+447911123456"];

        var night = await SendAsync(services, recipients);
        var sentAt = await WalkAsync(services, transport, time, TimeSpan.FromHours(24), () =>
            time.GetUtcNow() == new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero)
                ? services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, PhoneNumber.Parse("+447911123456"), OptOutSource.Keyword))
                : Task.CompletedTask);

        night.Should().Match<ListSendResult>(r => r.Sent == 3 && r.Deferred == 4 && r.Held == 4);
        sentAt.Should().BeEquivalentTo(new Dictionary<string, DateTimeOffset>
        {
            ["+919876543210"] = new(2026, 7, 1, 2, 30, 0, TimeSpan.Zero), // 08:00 IST
            ["+442071234567"] = new(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), // 08:00 BST
            // Every zone of +1 allows it only from 08:00 ChST in Guam (22:00 UTC) to 21:00 NDT in St. John's (23:30 UTC).
            ["+18005550100"] = new(2026, 7, 1, 22, 0, 0, TimeSpan.Zero),
        }, "the London mobile opted out at 03:00 UTC, before its 08:00");
        (await services.GetRequiredService<IDeferredSendStore>().CountAsync()).Should().Be(new DeferredSendCounts(0, 0));
    }

    [Theory]
    // Spring forward, 8 March 2026: at 00:00 EST the next 08:00 is EDT, 12:00 UTC.
    [InlineData("2026-03-08T05:00:00Z", "2026-03-08T12:00:00Z")]
    // Fall back, 1 November 2026: at 00:00 EDT the next 08:00 is EST, 13:00 UTC.
    [InlineData("2026-11-01T04:00:00Z", "2026-11-01T13:00:00Z")]
    public async Task Across_a_daylight_saving_change_the_message_goes_at_local_eight(string start, string expected)
    {
        var (services, transport, time) = Build(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), QuietHoursRule.UnitedStatesFederal);
        await using var _ = services;

        await SendAsync(services, ["+12125550100"]);
        var sentAt = await WalkAsync(services, transport, time, TimeSpan.FromHours(12));

        sentAt.Should().Equal(new Dictionary<string, DateTimeOffset> { ["+12125550100"] = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Fact]
    public async Task Holding_on_a_storage_without_a_place_for_held_messages_is_refused_naming_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmsTransport>(new RecordingTransport());
        services.AddSmsOptOut(o => o.Sending.HoldDeferred = true).UseStorage("custom", RequiredStoresOnly.Register);
        await using var provider = services.BuildServiceProvider();

        var send = () => SendAsync(provider, ["+12125550100"]);

        (await send.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*holds no messages (IDeferredSendStore)*");
        (await provider.GetRequiredService<IDeferredSendScheduler>().ReleaseDueAsync()).Should().Be(0);
    }

    /// <summary>Runs the scheduler every half hour for <paramref name="span"/>; returns when each recipient was sent a message.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> WalkAsync(ServiceProvider services, RecordingTransport transport, FakeTimeProvider time, TimeSpan span,
        Func<Task>? each = null)
    {
        var sentAt = new Dictionary<string, DateTimeOffset>();
        transport.Sent.Clear();
        var scheduler = services.GetRequiredService<IDeferredSendScheduler>();
        for (var end = time.GetUtcNow() + span; time.GetUtcNow() < end; time.Advance(TimeSpan.FromMinutes(30)))
        {
            await (each?.Invoke() ?? Task.CompletedTask);
            await scheduler.ReleaseDueAsync();
            while (transport.Sent.TryDequeue(out var message))
            {
                sentAt.Add(message.To.ToString(), time.GetUtcNow());
            }
        }

        return sentAt;
    }

    private static (ServiceProvider Services, RecordingTransport Transport, FakeTimeProvider Time) Build(DateTimeOffset start, QuietHoursRule rule)
    {
        var transport = new RecordingTransport();
        var time = new FakeTimeProvider(start);
        var services = SenderServices.Build(transport, o =>
        {
            o.Sending.HoldDeferred = true;
            o.Sending.QuietHours.Add(rule);
        }, s => s.AddSingleton<TimeProvider>(time));
        return (services, transport, time);
    }

    private static Task<ListSendResult> SendAsync(IServiceProvider services, string[] recipients) =>
        services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, new ListId("news"), "Acme news. Reply STOP to opt out"), recipients.ToAsyncEnumerable());
}
