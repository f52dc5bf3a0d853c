using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.Tests.Links;

public class LinkKeyOptionsTests
{
    [Fact]
    public async Task A_development_key_works_and_logs_a_warning()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Services.AddFakeLogging();
        builder.Services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.Links.Mode = OptOutLinkMode.Stateless;
            o.Links.UseDevelopmentKey = true;
        }).UseInMemory();
        using var host = builder.Build();
        await host.StartAsync();

        var target = new OptOutLinkTarget(new AccountId("a"), new ListId("l"), PhoneNumber.Parse("+14155552671"));
        var link = await host.Services.GetRequiredService<IOptOutLinkGenerator>().CreateAsync(target);

        (await host.Services.GetRequiredService<IOptOutLinkVerifier>().VerifyAsync(link.Token)).Should().Be(target);
        host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("development key"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_development_key_is_refused_in_production()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Services.AddSmsOptOut(o =>
        {
            o.Links.Mode = OptOutLinkMode.Stateless;
            o.Links.UseDevelopmentKey = true;
        }).UseInMemory();
        using var host = builder.Build();

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("refused in the Production environment");
    }
}
