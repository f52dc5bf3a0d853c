using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.Worker;
using SmsOptOut.Webhooks;

// Usage:
//   write   <storage> <connection> <first-number-index>            opt out numbers one by one, print "ack <index>" after each
//   contend <storage> <connection> <name> <first> <count>          opt out a range, then claim and deliver outbox rows
//   dispatch <storage> <connection> <callback-url> <lease-seconds>   run the webhook dispatcher until killed
//   erase   <storage> <connection> <first> <count>                opt out a range with evidence, tokens and reply rows, print "seeded",
//                                                                  then erase them one by one, printing "erased <index>" after each
try
{
    var command = args[0];
    await using var services = WorkerStorage.Build(args[1], args[2], command == "dispatch" ? args[3] : null, command == "dispatch" ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
    var optOut = services.GetRequiredService<IOptOutService>();
    var account = new AccountId("crash");
    var output = Console.Out;

    if (command == "write")
    {
        for (var i = long.Parse(args[3], CultureInfo.InvariantCulture); ; i++)
        {
            await optOut.OptOutAsync(new ConsentRequest(account, WorkerStorage.Number(i), OptOutSource.Api) { IdempotencyKey = "w" + i.ToString(CultureInfo.InvariantCulture) });
            output.WriteLine("ack " + i.ToString(CultureInfo.InvariantCulture));
            output.Flush();
        }
    }

    if (command == "contend")
    {
        var name = args[3];
        var first = long.Parse(args[4], CultureInfo.InvariantCulture);
        var count = long.Parse(args[5], CultureInfo.InvariantCulture);
        for (var i = first; i < first + count; i++)
        {
            var result = await optOut.OptOutAsync(new ConsentRequest(account, WorkerStorage.Number(i), OptOutSource.Api));
            output.WriteLine($"applied {i} {result.Status}");
        }

        var outbox = services.GetRequiredService<IWebhookOutboxStore>();
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        while (true)
        {
            var claimed = await outbox.ClaimDueAsync(name, now, TimeSpan.FromMinutes(10), 5);
            if (claimed.Count == 0)
            {
                break;
            }

            foreach (var message in claimed)
            {
                output.WriteLine("claim " + message.Id);
                if (!await outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, name, OutboxMessageState.Delivered, 1, now, now, null)))
                {
                    throw new InvalidOperationException("lost the lease on " + message.Id);
                }
            }
        }

        output.WriteLine("done");
        output.Flush();
        return 0;
    }

    if (command == "erase")
    {
        var first = long.Parse(args[3], CultureInfo.InvariantCulture);
        var count = long.Parse(args[4], CultureInfo.InvariantCulture);
        var tokens = services.GetRequiredService<SmsOptOut.Links.IOptOutLinkTokenStore>();
        var ledger = services.GetRequiredService<SmsOptOut.Keywords.IKeywordReplyLedger>();
        for (var i = first; i < first + count; i++)
        {
            var number = WorkerStorage.Number(i);
            await optOut.OptOutAsync(new ConsentRequest(account, number, OptOutSource.Keyword) { Evidence = new ConsentEvidence { MessageText = "STOP", IpAddress = "203.0.113.7" } });
            await tokens.AddAsync([new SmsOptOut.Links.StoredLinkToken("Tk" + i.ToString("D12", CultureInfo.InvariantCulture),
                new SmsOptOut.Links.OptOutLinkTarget(account, new ListId("news"), number), DateTimeOffset.UtcNow.AddDays(30))]);
            await ledger.TryRecordReplyAsync(account, number, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        }

        output.WriteLine("seeded");
        output.Flush();
        var subjects = services.GetRequiredService<SmsOptOut.Privacy.IDataSubjectService>();
        for (var i = first; i < first + count; i++)
        {
            await subjects.EraseAsync(new SmsOptOut.Privacy.ErasureRequest(WorkerStorage.Number(i), "erase-" + i.ToString(CultureInfo.InvariantCulture), "crash test") { Account = account });
            output.WriteLine("erased " + i.ToString(CultureInfo.InvariantCulture));
            output.Flush();
        }

        output.WriteLine("done");
        output.Flush();
        return 0;
    }

    if (command == "dispatch")
    {
        var dispatcher = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(s => s.GetType().Name == "WebhookDispatcherService");
        await dispatcher.StartAsync(CancellationToken.None);
        output.WriteLine("started");
        output.Flush();
        await Task.Delay(Timeout.Infinite);
    }

    throw new ArgumentException("unknown command " + command);
}
#pragma warning disable CA1031 // the parent test reads the failure from the output and the exit code
catch (Exception e)
#pragma warning restore CA1031
{
    Console.Out.WriteLine("error " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" "));
    Console.Out.Flush();
    return 1;
}
