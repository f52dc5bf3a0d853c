using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Sending;

/// <summary>
/// Sends from every kind of sending address: per-sender keyword scopes across kinds, frequency caps per sender,
/// quiet-hours rules by sender type, and the address handed to the transport and kept with a held message.
/// </summary>
public sealed class SenderAddressSendingTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly ListId News = new("news");
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+12125550100");
    private static readonly SenderAddress ShortCode = SenderAddress.ShortCode("12345", "US");
    private static readonly SenderAddress OtherShortCode = SenderAddress.ShortCode("54321", "US");
    private static readonly SenderAddress TollFree = PhoneNumber.Parse("+18005550100");
    private static readonly SenderAddress SenderId = SenderAddress.Alphanumeric("ACME");

    [Fact]
    public async Task A_STOP_to_a_short_code_skips_the_person_in_sends_from_that_short_code_only()
    {
        var (services, transport, _) = Build(o =>
        {
            o.Keywords.Scope = KeywordScope.SendingNumber;
            o.Compliance.AllowNarrowOptOutScopes = true;
        });
        await using var _ = services;

        var inbound = await services.GetRequiredService<IInboundSmsProcessor>().ProcessAsync(new InboundSms(Acme, Person, ShortCode, "STOP", DateTimeOffset.UtcNow));

        inbound.Consent!.Status.Should().Be(ConsentApplyStatus.Applied);
        transport.Sent.Should().ContainSingle().Which.From.Should().Be(ShortCode, "the confirmation is sent from the short code the STOP went to");
        (await services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Acme, Person, new ListId("sender:US:12345"))).Should().BeTrue();
        (await SendAsync(services, ShortCode)).Suppressed.Should().Be(1);
        (await SendAsync(services, OtherShortCode)).Sent.Should().Be(1, "another short code is another sender");
        (await SendAsync(services, TollFree)).Sent.Should().Be(1);
        (await SendAsync(services, SenderId)).Sent.Should().Be(1);
        (await services.GetRequiredService<ISmsSender>().SendAsync(Acme, Person.ToString(), "Your code is 1234", ShortCode)).Status.Should().Be(RecipientStatus.Suppressed);
    }

    [Fact]
    public async Task A_scope_recorded_by_the_previous_version_for_a_sending_number_still_holds()
    {
        var (services, _, _) = Build(o =>
        {
            o.Keywords.Scope = KeywordScope.SendingNumber;
            o.Compliance.AllowNarrowOptOutScopes = true;
        });
        await using var _ = services;
        // The list id the previous version wrote for a STOP to +18005550100: "sender:" and the E.164 number.
        await services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(Acme, Person, OptOutSource.Keyword)
        {
            Scope = SuppressionScope.List, List = new ListId("sender:+18005550100"),
        });

        SendingNumberScope.ListFor(TollFree).Should().Be(new ListId("sender:+18005550100"));
        SendingNumberScope.SenderOf(new ListId("sender:+18005550100")).Should().Be(TollFree);
        SendingNumberScope.SenderOf(new ListId("sender:US:12345")).Should().Be(ShortCode);
        SendingNumberScope.SenderOf(new ListId("newsletter")).Should().BeNull();
        (await SendAsync(services, TollFree)).Suppressed.Should().Be(1);
    }

    [Fact]
    public async Task A_sender_cap_counts_the_messages_from_each_address_apart()
    {
        var (services, _, _) = Build(o => o.Sending.FrequencyCaps.Add(new FrequencyCap { Name = "one per sender a day", Messages = 1, Scope = FrequencyCapScope.Sender }));
        await using var _ = services;

        (await SendAsync(services, ShortCode)).Sent.Should().Be(1);
        (await SendAsync(services, ShortCode)).FrequencyCapped.Should().Be(1);
        (await SendAsync(services, OtherShortCode)).Sent.Should().Be(1);
        (await SendAsync(services, SenderId)).Sent.Should().Be(1);
        (await SendAsync(services, null)).Sent.Should().Be(1, "the transport's own sender counts apart");
        (await SendAsync(services, null)).FrequencyCapped.Should().Be(1);
    }

    [Fact]
    public async Task A_quiet_hours_rule_for_short_codes_holds_back_only_short_code_sends()
    {
        // 02:00 in New York.
        var (services, transport, _) = Build(o => o.Sending.QuietHours.Add(new QuietHoursRule
        {
            Name = "short codes 9-20", Earliest = new(9, 0), Latest = new(20, 0), Senders = SenderTypes.ShortCode,
        }), new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero));
        await using var _ = services;

        var fromShortCode = await SendAsync(services, ShortCode);
        var fromTollFree = await SendAsync(services, TollFree);

        fromShortCode.Deferred.Should().Be(1);
        fromTollFree.Sent.Should().Be(1);
        transport.Sent.Should().ContainSingle().Which.From.Should().Be(TollFree);
    }

    [Theory]
    [InlineData(SenderTypes.None)]
    [InlineData((SenderTypes)64)]
    public void A_quiet_hours_rule_naming_no_known_sender_type_is_refused_at_startup(SenderTypes senders)
    {
        var build = () =>
        {
            var (services, _, _) = Build(o => o.Sending.QuietHours.Add(new QuietHoursRule { Senders = senders }));
            using (services)
            {
                _ = services.GetRequiredService<ISmsSender>();
            }
        };

        build.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*QuietHours[0].Senders*LongCode, TollFree, ShortCode, Alphanumeric and Unspecified*");
    }

    [Fact]
    public void Rules_cover_the_sender_types_they_name()
    {
        var tollFreeOnly = new QuietHoursRule { Senders = SenderTypes.TollFree };
        var all = new QuietHoursRule();

        tollFreeOnly.Covers(TollFree).Should().BeTrue();
        tollFreeOnly.Covers(PhoneNumber.Parse("+14155550100")).Should().BeFalse();
        tollFreeOnly.Covers(ShortCode).Should().BeFalse();
        tollFreeOnly.Covers(null).Should().BeFalse();
        new QuietHoursRule { Senders = SenderTypes.Unspecified | SenderTypes.Alphanumeric }.Covers(null).Should().BeTrue();
        new QuietHoursRule { Senders = SenderTypes.LongCode }.Covers(PhoneNumber.Parse("+14155550100")).Should().BeTrue();
        all.Covers(SenderId).Should().BeTrue();
    }

    [Fact]
    public async Task A_held_message_keeps_its_short_code_sender_and_is_sent_from_it()
    {
        var (services, transport, time) = Build(o =>
        {
            o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);
            o.Sending.HoldDeferred = true;
        }, new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero));
        await using var _ = services;

        (await SendAsync(services, ShortCode)).Deferred.Should().Be(1);
        time.Advance(TimeSpan.FromHours(7));
        (await services.GetRequiredService<IDeferredSendScheduler>().ReleaseDueAsync()).Should().Be(1);

        transport.Sent.Should().ContainSingle().Which.From.Should().Be(ShortCode);
    }

    private static Task<ListSendResult> SendAsync(IServiceProvider services, SenderAddress? from) =>
        services.GetRequiredService<ISmsSender>().SendToListAsync(new ListSendRequest(Acme, News, "Acme news. Reply STOP to opt out") { From = from },
            new[] { Person.ToString() }.ToAsyncEnumerable());

    private static (ServiceProvider Services, RecordingTransport Transport, FakeTimeProvider Time) Build(Action<SmsOptOutOptions> configure, DateTimeOffset? now = null)
    {
        var transport = new RecordingTransport();
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero));
        return (SenderServices.Build(transport, configure, s => s.AddSingleton<TimeProvider>(time)), transport, time);
    }
}
