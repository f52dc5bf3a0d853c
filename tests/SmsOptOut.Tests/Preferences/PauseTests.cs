using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Preferences.Internal;
using SmsOptOut.Suppression;

namespace SmsOptOut.Tests.Preferences;

/// <summary>Pauses through the one consent path: what a request may ask, and the sweeper that ends them on time and once.</summary>
public sealed class PauseTests : IAsyncDisposable
{
    private static readonly AccountId Acme = new("acme");
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+4917612345678");
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 6, 14, 8, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public PauseTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSmsOptOut().UseInMemory();
        _services = services.BuildServiceProvider();
    }

    private IOptOutService Service => _services.GetRequiredService<IOptOutService>();

    private ISuppressionStore Store => _services.GetRequiredService<ISuppressionStore>();

    private PauseSweeper Sweeper => _services.GetServices<IHostedService>().OfType<PauseSweeper>().Single();

    [Fact]
    public async Task A_pause_ends_by_itself_once_its_time_has_run_out_and_only_then()
    {
        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.OptOutLink) { PausedUntil = _time.GetUtcNow() + Month });

        _time.Advance(Month - TimeSpan.FromSeconds(1));
        (await Sweeper.SweepAsync(default)).Should().Be(0);
        (await Store.IsSuppressedAsync(Acme, Number)).Should().BeTrue();

        _time.Advance(TimeSpan.FromSeconds(1));
        (await Sweeper.SweepAsync(default)).Should().Be(1);
        (await Store.IsSuppressedAsync(Acme, Number)).Should().BeFalse();
        var end = (await Store.GetHistoryAsync(Acme, Number).ToListAsync()).Last();
        end.Kind.Should().Be(ConsentKind.OptIn);
        end.Source.Should().Be(OptOutSource.OptOutLink);
        end.OccurredAt.Should().Be(_time.GetUtcNow());
        end.Reverts.Should().NotBeNullOrEmpty();
        (await Sweeper.SweepAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task Two_sweepers_at_once_end_a_pause_once()
    {
        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.OptOutLink) { PausedUntil = _time.GetUtcNow() + Month });
        _time.Advance(Month);

        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Sweeper.SweepAsync(default))));

        rounds.Sum().Should().Be(1);
        (await Store.GetHistoryAsync(Acme, Number).ToListAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task An_opt_out_made_during_the_pause_is_never_undone_by_its_end()
    {
        await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.OptOutLink) { PausedUntil = _time.GetUtcNow() + Month });
        _time.Advance(TimeSpan.FromDays(2));
        (await Service.OptOutAsync(new ConsentRequest(Acme, Number, OptOutSource.Keyword))).Changed.Should().BeTrue();

        _time.Advance(Month);
        (await Sweeper.SweepAsync(default)).Should().Be(0);

        (await Store.IsSuppressedAsync(Acme, Number)).Should().BeTrue();
    }

    [Theory]
    [InlineData(ConsentKind.OptIn, SuppressionScope.Account, 30, "not an account-wide opt-out")]
    [InlineData(ConsentKind.OptOut, SuppressionScope.List, 30, "not an account-wide opt-out")]
    [InlineData(ConsentKind.OptOut, SuppressionScope.Account, 0, "not later than the time the person acted")]
    [InlineData(ConsentKind.OptOut, SuppressionScope.Account, -1, "not later than the time the person acted")]
    public async Task A_pause_that_is_not_an_account_wide_opt_out_ending_later_is_refused_and_nothing_is_written(ConsentKind kind, SuppressionScope scope, int days, string reason)
    {
        var request = new ConsentRequest(Acme, Number, OptOutSource.Api)
        {
            Scope = scope, List = new ListId("news"), PausedUntil = _time.GetUtcNow() + TimeSpan.FromDays(days),
        };

        var act = () => kind == ConsentKind.OptIn ? Service.OptInAsync(request) : Service.OptOutAsync(request);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("PausedUntil").And.Contain(reason);
        (await Store.GetHistoryAsync(Acme, Number).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_storage_that_keeps_no_pauses_refuses_one_instead_of_keeping_it_for_ever()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseInMemory();
        services.RemoveAll<ISuppressionPauses>();
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptOutService>().OptOutAsync(
            new ConsentRequest(Acme, Number, OptOutSource.Api) { PausedUntil = DateTimeOffset.UtcNow.AddDays(1) });

        (await act.Should().ThrowAsync<NotSupportedException>()).Which.Message.Should().Contain("StorageCapabilities.Pauses");
        (await provider.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(Acme, Number)).Should().BeFalse();
    }

    [Theory]
    [InlineData("0.12:00:00", "whole days, 1 day to 1 year")]
    [InlineData("400.00:00:00", "whole days, 1 day to 1 year")]
    [InlineData("1.06:00:00", "whole days, 1 day to 1 year")]
    public void Pause_periods_outside_whole_days_of_a_year_are_refused_at_startup(string period, string expected)
    {
        var failure = StartupFailure(o => o.PreferenceCenter.PauseDurations.Add(TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture)));

        failure.Should().Contain("SmsOptOutOptions.PreferenceCenter.PauseDurations").And.Contain(expected);
    }

    [Fact]
    public void Too_many_or_repeated_pause_periods_and_a_storage_without_pauses_are_refused_at_startup()
    {
        StartupFailure(o =>
        {
            foreach (var days in new[] { 7, 14, 30, 60, 90 })
            {
                o.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(days));
            }
        }).Should().Contain("expected at most 4");
        StartupFailure(o =>
        {
            o.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(7));
            o.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(7));
        }).Should().Contain("same period twice");
        StartupFailure(o => o.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(7)), withoutPauses: true).Should().Contain("the storage keeps none");
    }

    private static string StartupFailure(Action<SmsOptOutOptions> configure, bool withoutPauses = false)
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(configure).UseInMemory();
        if (withoutPauses)
        {
            services.RemoveAll<ISuppressionPauses>();
        }

        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;
        return act.Should().Throw<OptionsValidationException>().Which.Message;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
