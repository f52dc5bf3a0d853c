using SmsOptOut.Storage.Worker;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

// Usage:
//   write   <storage> <connection> <first-number-index>            opt out numbers one by one, print "ack <index>" after each
//   contend <storage> <connection> <name> <first> <count>          opt out a range, then claim and deliver outbox rows
//   dispatch <storage> <connection> <callback-url> <lease-seconds>   run the webhook dispatcher until killed
try
{
    var command = args[0];
    using var services = WorkerStorage.Build(args[1], args[2], command == "dispatch" ? args[3] : null, command == "dispatch" ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
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
