using System.Text;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.DoNotCall;

/// <summary>
/// The contract of <see cref="IDoNotCallRegistryStore"/>: a set per account and one for every account; a replacement
/// is atomic (a reader sees the old set or the new one, never one half imported; a failed import leaves the old set); list sends to marketing
/// lists skip listed numbers and report them apart, exempt lists do not.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.DoNotCallRegistry)]
public abstract class DoNotCallRegistryStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly DateOnly October = new(2026, 10, 23);
    private static readonly DateOnly November = new(2026, 11, 20);
    private static readonly DateOnly December = new(2026, 12, 18);

    [SkippableFact]
    public virtual async Task An_import_lists_its_numbers_for_its_account_and_the_global_set_for_every_account()
    {
        await using var store = Fixture.CreateStore(Configure);
        var registry = store.Services.GetRequiredService<IDoNotCallRegistry>();
        var acmeOnly = TestNumbers.Range(3, 100);
        var everyone = TestNumbers.Range(2, 200);

        var own = await registry.ImportAsync(File(acmeOnly.Concat(acmeOnly)), new DoNotCallImport { Account = Acme, DataDate = November });
        var global = await registry.ImportAsync(File(everyone), new DoNotCallImport { DataDate = November });

        own.Registry.Should().Be(new DoNotCallRegistryInfo(Acme, November, store.Time.GetUtcNow(), 3), "repeated numbers are stored once");
        own.Read.Should().Be(6);
        global.Imported.Should().Be(2);
        (await registry.GetAsync(Acme)).Should().Be(own.Registry);
        (await registry.GetAsync(null)).Should().Be(global.Registry);
        (await registry.GetAsync(Globex)).Should().BeNull();

        PhoneNumber[] probe = [acmeOnly[0], everyone[1], TestNumbers.Us(300)];
        (await ListedAsync(store, Acme, probe)).Should().Equal(true, true, false);
        (await ListedAsync(store, Globex, probe)).Should().Equal(false, true, false);
    }

    [SkippableFact]
    public virtual async Task A_newer_import_replaces_the_set_and_removing_it_lists_nothing()
    {
        await using var store = Fixture.CreateStore(Configure);
        var registry = store.Services.GetRequiredService<IDoNotCallRegistry>();
        var old = TestNumbers.Range(3, 1_000);
        var newer = TestNumbers.Range(2, 1_002);
        await registry.ImportAsync(File(old), new DoNotCallImport { Account = Acme, DataDate = November });
        store.Time.Advance(TimeSpan.FromDays(28));

        var result = await registry.ImportAsync(File(newer), new DoNotCallImport { Account = Acme, DataDate = December });

        result.Registry.Should().Be(new DoNotCallRegistryInfo(Acme, December, store.Time.GetUtcNow(), 2));
        (await ListedAsync(store, Acme, [old[0], old[2], newer[1]])).Should().Equal(false, true, true);

        (await registry.RemoveAsync(Acme)).Should().BeTrue();
        (await registry.RemoveAsync(Acme)).Should().BeFalse();
        (await registry.GetAsync(Acme)).Should().BeNull();
        (await ListedAsync(store, Acme, [old[2], newer[1]])).Should().Equal(false, false);
    }

    [SkippableFact]
    public virtual async Task A_failed_import_leaves_the_old_set_and_nothing_of_the_new_one()
    {
        await using var store = Fixture.CreateStore(Configure);
        var registry = store.Services.GetRequiredService<IDoNotCallRegistry>();
        var old = TestNumbers.Range(5, 10);
        await registry.ImportAsync(File(old), new DoNotCallImport { DataDate = October });
        var newer = TestNumbers.Range(25_000, 100_000);
        var data = File(newer, trailer: "this is not a number");

        var act = () => registry.ImportAsync(data, new DoNotCallImport { DataDate = November, Strict = true });

        (await act.Should().ThrowAsync<FormatException>()).Which.Message.Should().Contain("line 25001").And.Contain("current set stays");
        (await registry.GetAsync(null)).Should().Match<DoNotCallRegistryInfo>(r => r.DataDate == October && r.Count == 5);
        (await ListedAsync(store, Acme, [old[0], newer[0], newer[24_999]])).Should().Equal(true, false, false);
    }

    [SkippableFact]
    public virtual async Task A_reader_sees_the_old_set_or_the_new_one_never_one_half_imported()
    {
        await using var store = Fixture.CreateStore(Configure);
        var registry = store.Services.GetRequiredService<IDoNotCallRegistry>();
        var old = TestNumbers.Range(30_000, 200_000);
        var newer = TestNumbers.Range(30_000, 300_000);
        await registry.ImportAsync(File(old), new DoNotCallImport { DataDate = October });

        var replace = registry.ImportAsync(File(newer), new DoNotCallImport { DataDate = November });
        var seen = new HashSet<(bool, bool)>();
        PhoneNumber[] probe = [old[^1], newer[^1]];
        do
        {
            var flags = await ListedAsync(store, Acme, probe);
            seen.Add((flags[0], flags[1]));
        }
        while (!replace.IsCompleted);

        await replace;
        seen.Add(((await ListedAsync(store, Acme, probe))[0], (await ListedAsync(store, Acme, probe))[1]));
        seen.Should().BeSubsetOf([(true, false), (false, true)], "a reader sees one whole set");
        seen.Should().Contain((false, true));
    }

    [SkippableFact]
    public virtual async Task Marketing_list_sends_skip_listed_numbers_and_report_them_apart_while_exempt_lists_send()
    {
        var transport = new CapturingTransport();
        await using var store = Fixture.CreateStore(services =>
        {
            services.AddSingleton<ISmsTransport>(transport);
            Configure(services);
        });
        var sender = store.Services.GetRequiredService<ISmsSender>();
        var recipients = TestNumbers.Range(6, 500);
        await store.Services.GetRequiredService<IDoNotCallRegistry>().ImportAsync(File(recipients[..3]), new DoNotCallImport { Account = Acme, DataDate = November });
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, recipients[0], OptOutSource.Api));
        var outcomes = new List<RecipientOutcome>();

        var marketing = await sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Acme sale. Reply STOP to opt out")
        {
            OnRecipient = (o, _) => { lock (outcomes) { outcomes.Add(o); } return ValueTask.CompletedTask; },
        }, Strings(recipients));
        var sentToMarketing = transport.Sent.Select(m => m.To).ToArray();
        var transactional = await sender.SendToListAsync(new ListSendRequest(Acme, Newsletter, "Acme: your order shipped. Reply STOP to opt out")
        {
            DoNotCallExemption = DoNotCallExemption.Transactional,
        }, Strings(recipients));

        marketing.Should().Match<ListSendResult>(r => r.Sent == 3 && r.Suppressed == 1 && r.DoNotCallRegistry == 2);
        sentToMarketing.Should().BeEquivalentTo(recipients[3..]);
        outcomes.Where(o => o.Status == RecipientStatus.DoNotCallRegistry).Select(o => o.Number).Should().BeEquivalentTo([recipients[1], recipients[2]]);
        outcomes.Single(o => o.Number == recipients[0]).Status.Should().Be(RecipientStatus.Suppressed, "an opt-out is reported as such even when the number is also listed");
        transactional.Should().Match<ListSendResult>(r => r.Sent == 5 && r.Suppressed == 1 && r.DoNotCallRegistry == 0);
    }

    [SkippableFact]
    public virtual async Task Bad_input_is_refused_before_anything_changes()
    {
        await using var store = Fixture.CreateStore(Configure);
        var registry = store.Services.GetRequiredService<IDoNotCallRegistry>();
        var dnc = store.Services.GetRequiredService<IDoNotCallRegistryStore>();
        await registry.ImportAsync(File(TestNumbers.Range(1, 7)), new DoNotCallImport { DataDate = November });

        await FluentActions.Awaiting(() => registry.ImportAsync(File([]), new DoNotCallImport { DataDate = default }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*DataDate*");
        await FluentActions.Awaiting(() => registry.ImportAsync(File([]), new DoNotCallImport { Account = default(AccountId), DataDate = November }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*default(AccountId)*");
        await FluentActions.Awaiting(() => dnc.FilterAsync(Acme, new PhoneNumber[3], new bool[2]))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*3 numbers*");
        var lenient = await registry.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("# header\n\n+12120000009\nnot a number\n212,55\n" + new string('9', 80) + "\n")),
            new DoNotCallImport { Account = Acme, DataDate = November });

        lenient.Should().Match<DoNotCallImportResult>(r => r.Read == 4 && r.Refused == 3 && r.Imported == 1);
        lenient.Errors.Should().HaveCount(3).And.Contain(e => e.StartsWith("line 4: 'not a number'", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 5: '212,55'", StringComparison.Ordinal)).And.Contain(e => e.StartsWith("line 6:", StringComparison.Ordinal));
        (await registry.GetAsync(null))!.Count.Should().Be(1, "the refused imports changed nothing");
    }

    /// <summary>Configures every store of the suite: an adapter runs the suite again with other options (a path it takes only for large sets, say).</summary>
    /// <param name="services">The store's services.</param>
    protected virtual void Configure(IServiceCollection services)
    {
    }

    internal static async Task<bool[]> ListedAsync(TestStore store, AccountId account, PhoneNumber[] numbers)
    {
        var flags = new bool[numbers.Length];
        var count = await store.Services.GetRequiredService<IDoNotCallRegistryStore>().FilterAsync(account, numbers, flags);
        count.Should().Be(flags.Count(f => f));
        return flags;
    }

    internal static MemoryStream File(IEnumerable<PhoneNumber> numbers, string? trailer = null)
    {
        var text = new StringBuilder();
        foreach (var number in numbers)
        {
            text.Append(number.ToString()).Append('\n');
        }

        text.Append(trailer);
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static async IAsyncEnumerable<string> Strings(PhoneNumber[] numbers)
    {
        await Task.Yield();
        foreach (var number in numbers)
        {
            yield return number.ToString();
        }
    }
}
