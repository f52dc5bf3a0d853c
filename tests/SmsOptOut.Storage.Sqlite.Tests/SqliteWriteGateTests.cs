using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Sqlite.Internal;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// Writers of one process take a SQLite file one at a time (<see cref="SqliteWriteGate"/>) instead of racing for its
/// lock in SQLite's sleeping busy handler: never two at once per file, files apart in parallel, a nested write passes,
/// and a writer held up beyond the patience goes on to SQLite's own lock.
/// </summary>
public sealed class SqliteWriteGateTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    [Fact]
    public async Task Writers_of_one_file_never_overlap_and_writers_of_two_files_do()
    {
        var file = Path.Combine(Path.GetTempPath(), "gate-" + Guid.NewGuid().ToString("N") + ".db");
        var other = Path.Combine(Path.GetTempPath(), "gate-" + Guid.NewGuid().ToString("N") + ".db");
        var (inside, most) = (0, 0);
        var crossing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<int> WriteAsync(SqliteWriteGate gate) => await gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
            return now;
        }, CancellationToken.None);

        // Two gate objects over one file (two stores of one process) share it; the relative path is the same file.
        var writers = Enumerable.Range(0, 40).Select(i => Task.Run(() => WriteAsync(new SqliteWriteGate(i % 2 == 0 ? file : Path.GetRelativePath(Environment.CurrentDirectory, file), TimeSpan.FromSeconds(30)))));
        await Task.WhenAll(writers);
        most.Should().Be(1, "one writer per file at a time");

        // Files apart: a writer of one file holds its gate while a writer of another gets in.
        var holder = new SqliteWriteGate(file, TimeSpan.FromSeconds(30)).RunAsync(async () => { await crossing.Task; return 0; }, CancellationToken.None);
        var elsewhere = await new SqliteWriteGate(other, TimeSpan.FromSeconds(30)).RunAsync(() => Task.FromResult(7), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        crossing.SetResult();
        await holder;
        elsewhere.Should().Be(7);
    }

    [Fact]
    public async Task A_write_inside_a_write_passes_and_a_writer_held_up_beyond_its_patience_goes_on()
    {
        var file = Path.Combine(Path.GetTempPath(), "gate-" + Guid.NewGuid().ToString("N") + ".db");
        var gate = new SqliteWriteGate(file, TimeSpan.FromMilliseconds(200));

        var nested = await gate.RunAsync(() => gate.RunAsync(() => Task.FromResult(42), CancellationToken.None), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        nested.Should().Be(42, "a nested write in the same flow does not wait for itself");

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = gate.RunAsync(async () => { await release.Task; return 0; }, CancellationToken.None);
        var started = DateTimeOffset.UtcNow;
        var patient = await gate.RunAsync(() => Task.FromResult(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        patient.Should().Be(1, "after its patience a writer goes on to SQLite's own lock");
        (DateTimeOffset.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150));
        release.SetResult();
        await stuck;

        var cancelled = () => gate.RunAsync(() => Task.FromResult(0), new CancellationToken(canceled: true));
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Many_concurrent_opt_outs_and_erasures_of_one_store_all_land_and_the_log_verifies()
    {
        await using var test = fixture.CreateStore();
        var store = test.Suppression;
        var subjects = test.DataSubjectService;
        var acme = new AccountId("acme");
        var at = DateTimeOffset.UtcNow;

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            (await store.ApplyAsync(Events.OptOut(acme, TestNumbers.Us(i), at), [], token)).Should().Be(Suppression.ConsentApplyStatus.Applied));
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
            (await subjects.EraseAsync(new ErasureRequest(TestNumbers.Us(i), "t-" + i, "asked") { Account = acme }, token)).Found.Should().BeTrue());

        var flags = new bool[200];
        (await store.FilterAsync(acme, null, Enumerable.Range(0, 200).Select(i => TestNumbers.Us(i)).ToArray(), flags)).Should().Be(200, "erased numbers stay suppressed under their pseudonyms");
        var verification = await test.Services.GetRequiredService<Evidence.IConsentEvidence>().VerifyAsync(acme);
        (verification.LogSize, verification.Divergence).Should().Be((200L, null));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
