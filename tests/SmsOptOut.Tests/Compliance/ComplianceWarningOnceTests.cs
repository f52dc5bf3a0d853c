using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.Compliance;

/// <summary>
/// The options are validated once per options instance and each compliance warning (event 1003) is logged once per
/// distinct message: a host start that reads the options through <see cref="IOptions{TOptions}"/>,
/// <see cref="IOptionsMonitor{TOptions}"/> and the services that use them prints each warning once, and a reload
/// repeats none of them but logs a new one.
/// </summary>
public sealed class ComplianceWarningOnceTests
{
    private const string StrictKeywords = "Keywords.Matching is Strict";
    private const string ShortLinks = "Links.Lifetime 30.00:00:00 is shorter than 60 days";
    private const string NoOptOutCheck = "Sending.OptOutPolicy is Off";

    [Fact]
    public async Task A_host_start_logs_each_compliance_warning_once()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddFakeLogging();
        builder.Services.AddSmsOptOut(o =>
        {
            o.Sending.SenderIdentity.Name = "Acme";
            o.Sending.SenderIdentity.Contact = "acme.example/help";
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.Keywords.Matching = KeywordMatching.Strict;
            o.Links.Lifetime = TimeSpan.FromDays(30);
        }).UseInMemory();
        using var host = builder.Build();

        await host.StartAsync();
        // Every way the library and a host read the options after start.
        _ = host.Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptionsMonitor<SmsOptOutOptions>>().CurrentValue;
        _ = host.Services.GetRequiredService<IOptOutService>();
        _ = host.Services.GetRequiredService<ISmsSender>();
        _ = host.Services.GetRequiredService<IOptOutLinkGenerator>();
        await host.StopAsync();

        var warnings = Warnings(host.Services);
        warnings.Should().HaveCount(2, "two settings break a rule, each is printed once: {0}", string.Join(" | ", warnings));
        warnings.Should().ContainSingle(m => m.Contains(StrictKeywords, StringComparison.Ordinal));
        warnings.Should().ContainSingle(m => m.Contains(ShortLinks, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_options_read_through_IOptions_are_the_instance_validated_at_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddSmsOptOut().UseInMemory();
        using var host = builder.Build();

        await host.StartAsync();

        host.Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value
            .Should().BeSameAs(host.Services.GetRequiredService<IOptionsMonitor<SmsOptOutOptions>>().CurrentValue);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_reload_repeats_no_warning_and_logs_a_new_one_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsOptOut:Keywords:Matching"] = "Strict",
            ["SmsOptOut:Sending:SenderIdentity:Name"] = "Acme",
            ["SmsOptOut:Sending:SenderIdentity:Contact"] = "acme.example/help",
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddFakeLogging();
        builder.Services.AddSmsOptOut(configuration.GetSection("SmsOptOut")).UseInMemory();
        builder.Services.AddSingleton<IOptionsChangeTokenSource<SmsOptOutOptions>>(new ConfigurationChangeTokenSource<SmsOptOutOptions>(configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<SmsOptOutOptions>>();
        var first = monitor.CurrentValue;

        configuration.Reload();
        monitor.CurrentValue.Should().NotBeSameAs(first, "the reload made new options");
        Warnings(host.Services).Should().ContainSingle().Which.Should().Contain(StrictKeywords);

        configuration["SmsOptOut:Sending:OptOutPolicy"] = "Off";
        configuration.Reload();
        monitor.CurrentValue.Sending.OptOutPolicy.Should().Be(OptOutPolicy.Off);
        await host.StopAsync();

        var warnings = Warnings(host.Services);
        warnings.Should().HaveCount(2, "the old warning is not repeated, the new one is logged: {0}", string.Join(" | ", warnings));
        warnings.Should().ContainSingle(m => m.Contains(StrictKeywords, StringComparison.Ordinal));
        warnings.Should().ContainSingle(m => m.Contains(NoOptOutCheck, StringComparison.Ordinal));
    }

    private static List<string> Warnings(IServiceProvider services) =>
        [.. services.GetRequiredService<FakeLogCollector>().GetSnapshot().Where(r => r.Id.Id == 1003).Select(r => r.Message)];
}
