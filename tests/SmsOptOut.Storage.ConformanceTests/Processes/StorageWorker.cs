using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests.Processes;

/// <summary>
/// The worker process <see cref="StorageWorkerProcess"/> starts: <c>&lt;fixture type&gt; &lt;settings json&gt; &lt;command&gt;
/// &lt;isolation key&gt; [arguments]</c>. It prints one line per step so the test process can follow, and
/// <c>error &lt;type&gt;: &lt;message&gt;</c> (exit code 1) when anything fails.
/// </summary>
internal static class StorageWorker
{
    public static async Task<int> Main(string[] args)
    {
        var output = Console.Out;
        try
        {
            var fixture = (StorageFixture)Activator.CreateInstance(Type.GetType(args[0], throwOnError: true)!)!;
            fixture.InitializeWorker(JsonSerializer.Deserialize<Dictionary<string, string>>(args[1])!);
            var command = Enum.Parse<StorageWorkerCommand>(args[2]);
            var rest = args[4..];
            var services = new ServiceCollection();
            fixture.UseStorage(services.AddSmsOptOut(o => WorkerOptions.Configure(o, command == StorageWorkerCommand.Dispatch ? rest[0] : null,
                command == StorageWorkerCommand.Dispatch ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 0)), args[3]);
            await using var provider = services.BuildServiceProvider();
            await (command switch
            {
                StorageWorkerCommand.Write => WriteAsync(provider, Index(rest[0]), output),
                StorageWorkerCommand.Erase => EraseAsync(provider, Index(rest[0]), Index(rest[1]), output),
                StorageWorkerCommand.Dispatch => DispatchAsync(provider, output),
                StorageWorkerCommand.Contend => ContendAsync(provider, rest[0], Index(rest[1]), Index(rest[2]), output),
                _ => throw new ArgumentOutOfRangeException(nameof(args), command, "unknown command"),
            });
            Say(output, "done");
            return 0;
        }
#pragma warning disable CA1031 // the test process reads the failure from the output and the exit code
        catch (Exception e)
#pragma warning restore CA1031
        {
            Say(output, "error " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    private static async Task WriteAsync(ServiceProvider services, long first, TextWriter output)
    {
        var optOut = services.GetRequiredService<IOptOutService>();
        for (var i = first; ; i++)
        {
            await optOut.OptOutAsync(new ConsentRequest(WorkerOptions.Account, WorkerOptions.Number(i), OptOutSource.Api) { IdempotencyKey = "w" + Text(i) });
            Say(output, "ack " + Text(i));
        }
    }

    private static async Task EraseAsync(ServiceProvider services, long first, long count, TextWriter output)
    {
        var optOut = services.GetRequiredService<IOptOutService>();
        var tokens = services.GetRequiredService<IOptOutLinkTokenStore>();
        var ledger = services.GetRequiredService<IKeywordReplyLedger>();
        for (var i = first; i < first + count; i++)
        {
            var number = WorkerOptions.Number(i);
            await optOut.OptOutAsync(new ConsentRequest(WorkerOptions.Account, number, OptOutSource.Keyword)
            {
                Evidence = new ConsentEvidence { MessageText = "STOP", IpAddress = "203.0.113.7" },
            });
            await tokens.AddAsync([new StoredLinkToken("Tk" + i.ToString("D12", CultureInfo.InvariantCulture),
                new OptOutLinkTarget(WorkerOptions.Account, new ListId("news"), number), DateTimeOffset.UtcNow.AddDays(30))]);
            await ledger.TryRecordReplyAsync(WorkerOptions.Account, number, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        }

        Say(output, "seeded");
        var subjects = services.GetRequiredService<IDataSubjectService>();
        for (var i = first; i < first + count; i++)
        {
            await subjects.EraseAsync(new ErasureRequest(WorkerOptions.Number(i), "erase-" + Text(i), "crash test") { Account = WorkerOptions.Account });
            Say(output, "erased " + Text(i));
        }
    }

    private static async Task DispatchAsync(ServiceProvider services, TextWriter output)
    {
        foreach (var service in services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Say(output, "started");
        await Task.Delay(Timeout.Infinite);
    }

    private static async Task ContendAsync(ServiceProvider services, string owner, long first, long count, TextWriter output)
    {
        var optOut = services.GetRequiredService<IOptOutService>();
        for (var i = first; i < first + count; i++)
        {
            var result = await optOut.OptOutAsync(new ConsentRequest(WorkerOptions.Account, WorkerOptions.Number(i), OptOutSource.Api));
            Say(output, $"applied {Text(i)} {result.Status}");
        }

        var outbox = services.GetRequiredService<IWebhookOutboxStore>();
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        while (await outbox.ClaimDueAsync(owner, now, TimeSpan.FromMinutes(10), 5) is { Count: > 0 } claimed)
        {
            foreach (var message in claimed)
            {
                Say(output, "claim " + message.Id);
                if (!await outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, owner, OutboxMessageState.Delivered, 1, now, now, null)))
                {
                    throw new InvalidOperationException("lost the lease on " + message.Id);
                }
            }
        }
    }

    private static long Index(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static string Text(long index) => index.ToString(CultureInfo.InvariantCulture);

    private static void Say(TextWriter output, string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
