using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Accounts;

/// <summary>
/// The contract of <see cref="IAccountDirectory"/>: an account is listed once a consent event was recorded for it, in
/// ordinal order, each once; reads never add one; erasing its people leaves it listed; ids compare ordinally.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.AccountDirectory)]
public abstract class AccountDirectoryTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly AccountId Initech = new("initech");

    [SkippableFact]
    public virtual async Task A_new_storage_lists_no_account()
    {
        await using var store = Fixture.CreateStore();

        (await Directory(store).GetAccountsAsync().ToListAsync()).Should().BeEmpty();
        (await Directory(store).ContainsAsync(Acme)).Should().BeFalse();
    }

    [SkippableFact]
    public virtual async Task Accounts_with_recorded_events_are_listed_once_in_ordinal_order()
    {
        await using var store = Fixture.CreateStore();
        var upper = new AccountId("Zeta");
        foreach (var (account, i) in new[] { (Globex, 1), (Acme, 2), (Acme, 3), (upper, 4) })
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(account, TestNumbers.Us(i), OptOutSource.Api));
        }

        await store.OptOut.OptInAsync(new ConsentRequest(Acme, TestNumbers.Us(2), OptOutSource.Api));

        (await Directory(store).GetAccountsAsync().ToListAsync()).Should().Equal(upper, Acme, Globex);
        (await Directory(store).ContainsAsync(Acme)).Should().BeTrue();
        (await Directory(store).ContainsAsync(Globex)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task Reads_of_an_unknown_account_do_not_make_it_known()
    {
        await using var store = Fixture.CreateStore();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Api));

        (await store.Suppression.IsSuppressedAsync(Initech, TestNumbers.Us(1))).Should().BeFalse();
        await store.Suppression.FilterAsync(Initech, null, new[] { TestNumbers.Us(1) }, new bool[1]);
        (await store.HistoryAsync(Initech, TestNumbers.Us(1))).Should().BeEmpty();

        (await Directory(store).ContainsAsync(Initech)).Should().BeFalse();
        (await Directory(store).GetAccountsAsync().ToListAsync()).Should().Equal(Acme);
    }

    [SkippableFact]
    public virtual async Task Ids_compare_ordinally()
    {
        await using var store = Fixture.CreateStore();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Api));

        (await Directory(store).ContainsAsync(new AccountId("Acme"))).Should().BeFalse("'Acme' is another account than 'acme'");
        (await Directory(store).ContainsAsync(new AccountId("acme "))).Should().BeFalse();
    }

    [SkippableFact]
    public virtual async Task An_account_whose_people_were_all_erased_stays_listed()
    {
        await using var store = Fixture.CreateStore();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(7), OptOutSource.Api));

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(7), "ticket-1", "asked") { Account = Acme });

        (await store.HistoryAsync(Acme, TestNumbers.Us(7))).Should().BeEmpty("the erasure deleted the only event");
        (await Directory(store).ContainsAsync(Acme)).Should().BeTrue("the account still holds the erased number's suppression");
        (await Directory(store).GetAccountsAsync().ToListAsync()).Should().Equal(Acme);
    }

    [SkippableFact]
    public virtual async Task A_default_account_is_refused()
    {
        await using var store = Fixture.CreateStore();

        await FluentActions.Awaiting(() => Directory(store).ContainsAsync(default)).Should().ThrowAsync<ArgumentException>();
    }

    [SkippableFact]
    public virtual async Task The_storage_registers_its_directory()
    {
        await using var store = Fixture.CreateStore();

        store.Services.GetService<IAccountDirectory>().Should().NotBeNull("every adapter this suite runs for lists its accounts");
    }

    private static IAccountDirectory Directory(TestStore store) => store.Services.GetRequiredService<IAccountDirectory>();
}
