using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Tests.DependencyInjection;

public class AddSmsOptOutTests
{
    [Fact]
    public async Task A_host_without_storage_fails_at_startup_naming_the_Use_methods()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmsOptOut();
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("UseSqlite(...)").And.Contain("UsePostgreSql(...)").And.Contain("UseRedis(...)").And.Contain("UseInMemory()");
    }

    [Fact]
    public void Resolving_a_store_without_storage_fails_with_the_same_message()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut();
        using var provider = services.BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<IOptOutService>())
            .Should().Throw<InvalidOperationException>().WithMessage("*never falls back to memory*");
    }

    [Fact]
    public async Task Calling_AddSmsOptOut_twice_is_harmless_and_keeps_both_configurations()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmsOptOut(o => o.DefaultRegion = "GB").UseInMemory();
        builder.Services.AddSmsOptOut();
        using var host = builder.Build();
        await host.StartAsync();

        builder.Services.Count(d => d.ServiceType == typeof(IOptOutService)).Should().Be(1);
        host.Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.DefaultRegion.Should().Be("GB");
        host.Services.GetRequiredService<ISuppressionStore>().Should().BeSameAs(host.Services.GetRequiredService<ISuppressionStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task An_unknown_default_region_fails_at_startup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmsOptOut(o => o.DefaultRegion = "Britain").UseInMemory();
        using var host = builder.Build();

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("DefaultRegion 'Britain'");
    }

    [Fact]
    public async Task Report_options_out_of_range_fail_at_startup_naming_each_option()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmsOptOut(o =>
        {
            o.Reports.PollInterval = TimeSpan.Zero;
            o.Reports.SettleDelay = TimeSpan.FromSeconds(-1);
            o.Reports.ClaimLease = TimeSpan.FromMilliseconds(10);
            o.Reports.MaxEmailBodyEntries = -1;
        }).UseInMemory();
        using var host = builder.Build();

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("Reports.PollInterval 00:00:00 must be at least 1 second")
            .And.Contain("Reports.SettleDelay -00:00:01 must not be negative")
            .And.Contain("Reports.ClaimLease 00:00:00.0100000 must be at least 1 second")
            .And.Contain("Reports.MaxEmailBodyEntries -1 must not be negative");
    }

    [Theory]
    [InlineData("https://localhost/hook")]
    [InlineData("https://LOCALHOST:8443/hook")]
    [InlineData("https://localhost./hook")]
    [InlineData("https://crm.localhost/hook")]
    [InlineData("https://a.b.localhost/hook")]
    public async Task A_localhost_callback_url_fails_at_startup_naming_the_testing_switch(string url)
    {
        using var host = HostWithCallback(url, allowLoopback: false);

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("Webhooks.CallbackUrl").And.Contain("always means this machine (RFC 6761)")
            .And.Contain("DangerouslyAllowLoopbackAndHttpForTesting");
    }

    [Fact]
    public async Task An_http_callback_url_fails_at_startup_naming_the_testing_switch()
    {
        using var host = HostWithCallback("http://hooks.example.com/hook", allowLoopback: false);

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("uses http://; callback URLs must use https://")
            .And.Contain("SmsOptOutOptions.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true");
    }

    [Theory]
    [InlineData("https://localhost/hook")]
    [InlineData("http://crm.localhost:5000/hook")]
    public async Task A_localhost_callback_url_starts_with_the_testing_switch(string url)
    {
        using var host = HostWithCallback(url, allowLoopback: true);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_name_that_only_contains_localhost_is_not_refused_at_startup()
    {
        using var host = HostWithCallback("https://localhost.example.com/hook", allowLoopback: false);

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost HostWithCallback(string url, bool allowLoopback)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmsOptOut(o =>
        {
            o.Webhooks.CallbackUrl = new Uri(url);
            o.Webhooks.Secrets.Add(SmsOptOut.Webhooks.WebhookSecret.Generate());
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = allowLoopback;
            o.Webhooks.EnableDispatcher = false;
            o.Reports.EnableReporter = false;
        }).UseInMemory();
        return builder.Build();
    }

    [Fact]
    public void A_storage_adapter_that_forgets_a_service_is_refused()
    {
        var services = new ServiceCollection();

        FluentActions.Invoking(() => services.AddSmsOptOut().UseStorage("Broken", _ => { }))
            .Should().Throw<InvalidOperationException>().WithMessage("The storage 'Broken' registered no ISuppressionStore*");
    }
}
