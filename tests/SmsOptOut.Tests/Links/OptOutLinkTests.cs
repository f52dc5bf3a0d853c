using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Links.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Tests.Links;

public class OptOutLinkTests
{
    private static readonly OptOutLinkTarget Target = new(new AccountId("acme-corp"), new ListId("newsletter"),
        PhoneNumber.Parse("+4917612345678"), new CampaignId("spring-2026"));

    public static TheoryData<string> Modes() => new() { "stored", "stateless" };

    private static LinkHost Host(string mode) =>
        mode == "stored" ? new LinkHost() : new LinkHost(LinkHost.Stateless((1, LinkHost.Key1)));

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_link_resolves_back_to_its_target(string mode)
    {
        await using var host = Host(mode);

        var link = await host.Generator.CreateAsync(Target);

        link.Url.Should().Be("https://opt.example/u/" + link.Token);
        link.Token.Should().MatchRegex("^[0-9A-Za-z]+$");
        link.Url.Length.Should().Be(host.Generator.GetLinkLength(Target));
        (await host.Verifier.VerifyAsync(link.Token)).Should().Be(Target);
    }

    [Fact]
    public async Task Stored_tokens_are_10_characters_and_stateless_ones_carry_no_readable_data()
    {
        await using var stored = Host("stored");
        await using var stateless = Host("stateless");

        (await stored.Generator.CreateAsync(Target)).Token.Should().HaveLength(10);
        var token = (await stateless.Generator.CreateAsync(Target)).Token;
        token.Length.Should().BeGreaterThan(32);
        var bytes = new byte[Base62.DecodedLength(token.Length)];
        Base62.TryDecode(token, bytes).Should().BeTrue();
        foreach (var secret in new[] { "acme-corp", "newsletter", "spring-2026", "4917612345678" })
        {
            token.Should().NotContain(secret);
            Encoding.Latin1.GetString(bytes).Should().NotContain(secret);
        }

        var numberBytes = BitConverter.GetBytes(Target.Number.Value).Take(7).Reverse().ToArray();
        bytes.AsSpan().IndexOf(numberBytes).Should().Be(-1, "the number is encrypted, not just encoded");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Every_single_character_change_makes_the_token_unknown(string mode)
    {
        await using var host = Host(mode);
        var token = (await host.Generator.CreateAsync(Target)).Token;
        var tried = 0;

        for (var position = 0; position < token.Length; position++)
        {
            foreach (var c in Base62.Alphabet)
            {
                if (c == token[position])
                {
                    continue;
                }

                var mutated = string.Concat(token.AsSpan(0, position), [c], token.AsSpan(position + 1));
                (await host.Verifier.VerifyAsync(mutated)).Should().BeNull("'{0}' differs from the issued token at position {1}", mutated, position);
                tried++;
            }
        }

        tried.Should().Be(token.Length * 61);
        (await host.Verifier.VerifyAsync(token[..^1])).Should().BeNull();
        (await host.Verifier.VerifyAsync(token + "0")).Should().BeNull();
        (await host.Verifier.VerifyAsync(token)).Should().Be(Target, "the original still resolves");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("Ab3dE5gH7j%00")]
    [InlineData("Ab3dE5gH7-")]
    [InlineData("Ａｂ３ｄＥ５ｇＨ７ｊ")]
    public async Task Garbage_resolves_as_unknown(string? token)
    {
        await using var host = Host("stateless");

        (await host.Verifier.VerifyAsync(token)).Should().BeNull();
        (await host.Verifier.VerifyAsync(new string('z', 100_000))).Should().BeNull();
    }

    [Fact]
    public async Task A_token_issued_under_key_1_still_resolves_after_rotating_to_key_2()
    {
        string token;
        await using (var before = new LinkHost(LinkHost.Stateless((1, LinkHost.Key1))))
        {
            token = (await before.Generator.CreateAsync(Target)).Token;
        }

        await using var after = new LinkHost(LinkHost.Stateless((1, LinkHost.Key1), (2, LinkHost.Key2)));
        var newToken = (await after.Generator.CreateAsync(Target)).Token;

        (await after.Verifier.VerifyAsync(token)).Should().Be(Target);
        (await after.Verifier.VerifyAsync(newToken)).Should().Be(Target);
        newToken.Should().NotBe(token, "new tokens are made with the highest key id");

        await using var retired = new LinkHost(LinkHost.Stateless((2, LinkHost.Key2)));
        (await retired.Verifier.VerifyAsync(token)).Should().BeNull("a removed key no longer verifies");
        await using var wrongKey = new LinkHost(LinkHost.Stateless((1, LinkHost.Key2)));
        (await wrongKey.Verifier.VerifyAsync(token)).Should().BeNull("the same key id with other key material fails the MAC");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Links_expire_after_their_lifetime(string mode)
    {
        await using var host = Host(mode);
        var link = await host.Generator.CreateAsync(Target);

        host.Time.Advance(TimeSpan.FromDays(89));
        (await host.Verifier.VerifyAsync(link.Token)).Should().Be(Target, "links work at least 60 days (CASL); the default lifetime is 90");
        host.Time.SetUtcNow(link.ExpiresAt);
        (await host.Verifier.VerifyAsync(link.Token)).Should().BeNull();
    }

    [Fact]
    public async Task Expired_stored_tokens_are_cleaned_up_in_the_background()
    {
        await using var host = new LinkHost(o => o.Links.CleanupInterval = TimeSpan.FromMinutes(10));
        var store = host.Services.GetRequiredService<SmsOptOut.Storage.InMemory.InMemoryLinkTokenStore>();
        await host.Generator.CreateManyAsync(Enumerable.Repeat(Target, 5).ToArray());
        var cleanup = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SmsOptOut.Internal.StorageCleanupService>().Single();
        await cleanup.StartAsync(CancellationToken.None);

        store.Count.Should().Be(5);
        host.Time.Advance(TimeSpan.FromDays(90) + TimeSpan.FromMinutes(10));

        // The cleanup's timer may be armed after the clock moved (StartAsync returns before the loop waits): each poll
        // moves the clock one interval more, so the round comes whenever the timer was armed.
        await Eventually.TrueAsync(() => store.Count == 0, "the cleanup to delete the expired tokens", between: () => host.Time.Advance(TimeSpan.FromMinutes(10)));
        await cleanup.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_list_is_issued_in_one_store_round_trip()
    {
        CountingTokenStore? counting = null;
        await using var host = new LinkHost(services: s => s.AddSingleton<IOptOutLinkTokenStore>(sp =>
            counting = new CountingTokenStore(sp.GetRequiredService<SmsOptOut.Storage.InMemory.InMemoryLinkTokenStore>())));
        var targets = Enumerable.Range(0, 1_000).Select(i => Target with { Number = PhoneNumber.FromValue(12_120_000_000UL + (ulong)i) }).ToArray();

        var links = await host.Generator.CreateManyAsync(targets);

        counting!.AddCalls.Should().Be(1);
        links.Select(l => l.Target).Should().Equal(targets);
        links.Select(l => l.Token).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Tokens_that_collide_are_issued_again()
    {
        CountingTokenStore? counting = null;
        await using var host = new LinkHost(services: s => s.AddSingleton<IOptOutLinkTokenStore>(sp =>
            counting = new CountingTokenStore(sp.GetRequiredService<SmsOptOut.Storage.InMemory.InMemoryLinkTokenStore>(), collideFirstBatch: true)));

        var links = await host.Generator.CreateManyAsync([Target, Target]);

        counting!.AddCalls.Should().Be(2);
        foreach (var link in links)
        {
            (await host.Verifier.VerifyAsync(link.Token)).Should().Be(Target, "the reissued token points at the right target");
        }
    }

    [Fact]
    public async Task Stateless_links_handle_unicode_and_maximum_length_ids_and_no_campaign()
    {
        await using var host = Host("stateless");
        var target = new OptOutLinkTarget(new AccountId(new string('é', 128)), new ListId("Список рассылки 📬"), PhoneNumber.Parse("+390612345678"));

        var link = await host.Generator.CreateAsync(target);

        (await host.Verifier.VerifyAsync(link.Token)).Should().Be(target);
    }

    [Fact]
    public async Task Incomplete_targets_and_a_missing_base_url_are_refused()
    {
        await using var host = Host("stored");
        await using var noBase = new LinkHost(o => o.LinkBaseUrl = null);

        await FluentActions.Awaiting(() => host.Generator.CreateAsync(Target with { List = default }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*list*");
        await FluentActions.Awaiting(() => host.Generator.CreateAsync(Target with { Number = default }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*number*");
        await FluentActions.Awaiting(() => noBase.Generator.CreateAsync(Target))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*LinkBaseUrl*");
    }

    [Theory]
    [InlineData("short key", "TooShort")]
    [InlineData("token length 9", "TokenLength 9")]
    [InlineData("stateless without key", "SigningKeys is empty")]
    [InlineData("bad base url", "LinkBaseUrl")]
    [InlineData("active key missing", "ActiveKeyId 7")]
    public void Unsafe_options_are_refused_at_startup(string scenario, string expected)
    {
        Action<SmsOptOutOptions> configure = scenario switch
        {
            "short key" => LinkHost.Stateless((1, Convert.ToBase64String(new byte[16]))),
            "token length 9" => o => o.Links.TokenLength = 9,
            "stateless without key" => o => o.Links.Mode = OptOutLinkMode.Stateless,
            "bad base url" => o => o.LinkBaseUrl = new Uri("ftp://opt.example/u"),
            _ => o =>
            {
                LinkHost.Stateless((1, LinkHost.Key1))(o);
                o.Links.ActiveKeyId = 7;
            },
        };
        using var host = new LinkHostSync(configure);

        var act = () => host.Services.GetRequiredService<IOptions<SmsOptOutOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(expected == "TooShort" ? "at least 32" : expected);
    }

    [Fact]
    public void The_default_stored_length_keeps_guessing_above_2_to_the_32_with_100_million_live_tokens()
    {
        var space = Math.Pow(62, OptOutLinkOptions.MinimumTokenLength);
        (space / 100_000_000).Should().BeGreaterThanOrEqualTo(Math.Pow(2, 32));
        (Math.Pow(62, OptOutLinkOptions.MinimumTokenLength - 1) / 100_000_000).Should().BeLessThan(Math.Pow(2, 32), "10 is the shortest safe length");
    }

    private sealed class LinkHostSync(Action<SmsOptOutOptions> configure) : IDisposable
    {
        public ServiceProvider Services { get; } = Build(configure);

        public void Dispose() => Services.Dispose();

        private static ServiceProvider Build(Action<SmsOptOutOptions> configure)
        {
            var services = new ServiceCollection();
            services.AddSmsOptOut(o =>
            {
                o.LinkBaseUrl = new Uri("https://opt.example/u/");
                configure(o);
            }).UseInMemory();
            return services.BuildServiceProvider();
        }
    }
}
