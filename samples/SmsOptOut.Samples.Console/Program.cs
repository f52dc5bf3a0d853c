using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Messages;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Samples.Console;
using SmsOptOut.Sending;
using SmsOptOut.Webhooks;
using Spectre.Console;

// The whole story on the embedded SQLite storage, checked step by step: the exit code is 0 only when every
// expectation held. Run with --help for the options.
DemoOptions options;
try
{
    options = DemoOptions.Parse(args);
}
catch (ArgumentException e)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(DemoOptions.Usage);
    return 0;
}

var checks = new List<(string Expectation, bool Held)>();
void Check(string expectation, bool held)
{
    checks.Add((expectation, held));
    AnsiConsole.MarkupLine(held ? $"  [green]✓[/] {Markup.Escape(expectation)}" : $"  [red]✗ {Markup.Escape(expectation)}[/]");
}

foreach (var suffix in new[] { "", "-wal", "-shm" })
{
    File.Delete(options.Database + suffix);
}

var account = new AccountId("acme");
var list = new ListId("newsletter");
var sendingNumber = PhoneNumber.Parse("+1 415 555 0100");
var port = FreePort();
var baseUrl = new Uri($"http://127.0.0.1:{port}/");
var inbox = new WebhookInbox(WebhookSecret.Generate());
var transport = new DemoTransport();

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(baseUrl.ToString());
builder.Services.AddSmsOptOut(o =>
{
    o.DefaultRegion = "US";
    o.LinkBaseUrl = new Uri(baseUrl, "u/");
    o.Webhooks.CallbackUrl = new Uri(baseUrl, "hooks/optout");
    o.Webhooks.Secrets.Add(inbox.Secret);
    o.Webhooks.PollInterval = TimeSpan.FromMilliseconds(200);
    o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;   // the demo's receiver is http on 127.0.0.1
    o.Reports.Accounts["acme"] = new AccountReportSettings               // the owner's daily digest (docs/reports.md)
    {
        Channels = ReportChannels.EmailAndSms,
        EmailRecipients = ["owner@acme.example"],
        SmsRecipients = [PhoneNumber.Parse("+1 415 555 0199")],
        Cadence = ReportCadence.Daily(new TimeOnly(8, 0)),
    };
    // Erased numbers stay suppressed under a keyed pseudonym (docs/privacy.md). Generate your own key with
    // `openssl rand -base64 32` and keep it out of the database, in a secret store.
    o.DataProtection.PseudonymKeys.Add(new PseudonymKey { Id = 1, Secret = "ZGVtby1vbmx5LXBzZXVkb255bS1rZXktMzItYnl0ZXM=" });
}).UseSqlite($"Data Source={options.Database}");
builder.Services.AddSingleton<ISmsTransport>(transport);
var app = builder.Build();
app.MapPost("/hooks/optout", inbox.ReceiveAsync);
app.MapSmsOptOut(o => o.DisplayName = (_, _) => ValueTask.FromResult("Acme Shoes"));
await app.StartAsync();

AnsiConsole.Write(new Rule("[bold]SmsOptOut demo[/]").LeftJustified());
AnsiConsole.MarkupLine($"SQLite file [blue]{Markup.Escape(options.Database)}[/]; landing page and webhook receiver on [blue]{baseUrl}[/]");
AnsiConsole.MarkupLine($"Account [bold]acme[/], callback URL [blue]{baseUrl}hooks/optout[/] (signed with Standard Webhooks).");

// 1. A list of contacts in the formats people type.
var contacts = Enumerable.Range(0, options.Contacts).Select(i => (i % 3) switch
{
    0 => $"(415) 555-{1000 + i:D4}",
    1 => $"+1 415 555 {1000 + i:D4}",
    _ => $"415.555.{1000 + i:D4}",
}).ToList();
var numbers = contacts.Select(c => PhoneNumber.Parse(c, "US")).ToList();

// 2. The first campaign, with {optout}.
const string Template = "Acme Shoes: 20% off all sneakers this weekend only! Opt out: {optout}";
var sender = app.Services.GetRequiredService<ISmsSender>();
AnsiConsole.Write(new Rule("1. Campaign with {optout} to the newsletter list").LeftJustified());
var first = await sender.SendToListAsync(new ListSendRequest(account, list, Template) { From = sendingNumber }, Recipients(contacts));
var firstMessages = transport.Drain();
ShowMessages(firstMessages);
Check($"all {options.Contacts} contacts received the campaign", first.Sent == options.Contacts && firstMessages.Count == options.Contacts);
Check("every message carries its own opt-out link", firstMessages.Select(m => Link(m.Body)).Distinct().Count() == options.Contacts);

// 3. One recipient opens their link and confirms; link previews (GET) change nothing.
AnsiConsole.Write(new Rule("2. Recipient 1 opens the link and confirms").LeftJustified());
using var http = new HttpClient();
var link = Link(firstMessages.Single(m => m.To == numbers[0]).Body);
var page = await http.GetAsync(link);
var pageHtml = await page.Content.ReadAsStringAsync();
AnsiConsole.MarkupLine($"  GET  {Markup.Escape(link)} → {(int)page.StatusCode}: \"{Markup.Escape(Heading(pageHtml))}\"");
var store = app.Services.GetRequiredService<SmsOptOut.Suppression.ISuppressionStore>();
Check("opening the link shows the masked number and changes nothing",
    page.IsSuccessStatusCode && pageHtml.Contains(numbers[0].ToMaskedString(), StringComparison.Ordinal) && !await store.IsSuppressedAsync(account, numbers[0]));
var confirm = await http.PostAsync(link, new FormUrlEncodedContent([new("action", "unsubscribe")]));
var confirmHtml = await confirm.Content.ReadAsStringAsync();
AnsiConsole.MarkupLine($"  POST {Markup.Escape(link)} → {(int)confirm.StatusCode}: \"{Markup.Escape(Heading(confirmHtml))}\"");
Check("confirming opts recipient 1 out", confirm.IsSuccessStatusCode && await store.IsSuppressedAsync(account, numbers[0]));

// 4. Replies to the sending number.
AnsiConsole.Write(new Rule("3. Replies: \"Stop\" and \"Don't stop!\"").LeftJustified());
var inbound = app.Services.GetRequiredService<IInboundSmsProcessor>();
var stop = await inbound.ProcessAsync(new InboundSms(account, numbers[1], sendingNumber, "Stop", DateTimeOffset.UtcNow));
ShowReply(numbers[1], "Stop", stop, transport.Drain());
Check("\"Stop\" opts recipient 2 out and is confirmed once", stop.Match.Class == KeywordClass.OptOut && stop.Consent?.Changed == true && stop.ReplySent);
var dontStop = await inbound.ProcessAsync(new InboundSms(account, numbers[2], sendingNumber, "Don't stop!", DateTimeOffset.UtcNow));
ShowReply(numbers[2], "Don't stop!", dontStop, transport.Drain());
Check("\"Don't stop!\" is not an opt-out", dontStop.Match.Class == KeywordClass.None && !await store.IsSuppressedAsync(account, numbers[2]));

// 5. The webhooks the account's callback URL received.
AnsiConsole.Write(new Rule("4. Webhooks received at the callback URL").LeftJustified());
for (var waited = 0; inbox.Received.Count < 2 && waited < 150; waited++)
{
    await Task.Delay(100);
}

foreach (var (body, valid) in inbox.Received)
{
    AnsiConsole.MarkupLine($"  {(valid ? "[green]signature valid[/]" : "[red]signature INVALID[/]")}  {Markup.Escape(body)}");
}

var bodies = inbox.Received.Select(r => r.Body).ToList();
Check("two webhooks arrived, both correctly signed", inbox.Received.Count == 2 && inbox.Received.All(r => r.SignatureValid));
Check("one says \"Optout Link\", the other \"TollFree number\"",
    bodies.Any(b => b.Contains("\"source\":\"Optout Link\"", StringComparison.Ordinal) && b.Contains(numbers[0].ToString(), StringComparison.Ordinal))
    && bodies.Any(b => b.Contains("\"source\":\"TollFree number\"", StringComparison.Ordinal) && b.Contains(numbers[1].ToString(), StringComparison.Ordinal)));

// 6. The next campaign skips the two opted-out numbers.
AnsiConsole.Write(new Rule("5. The next campaign").LeftJustified());
var second = await sender.SendToListAsync(new ListSendRequest(account, list, "Acme Shoes: new arrivals are in! Opt out: {optout}") { From = sendingNumber }, Recipients(contacts));
var secondMessages = transport.Drain();
AnsiConsole.MarkupLine($"  sent {second.Sent}, skipped as opted out {second.Suppressed}");
Check("the two opted-out numbers are skipped",
    second.Suppressed == 2 && second.Sent == options.Contacts - 2 && secondMessages.All(m => m.To != numbers[0] && m.To != numbers[1]));

// 7. The unsubscription report the account owner receives (docs/reports.md): previewed now instead of at 08:00.
AnsiConsole.Write(new Rule("6. Unsubscription report for acme").LeftJustified());
var preview = (await app.Services.GetRequiredService<IUnsubscriptionReporter>().PreviewAsync(account))!;
AnsiConsole.MarkupLine($"  SMS digest to the owner: \"{Markup.Escape(preview.Sms)}\"");
AnsiConsole.MarkupLine($"  Email to the owner: \"{Markup.Escape(preview.Email.Subject)}\" with {Markup.Escape(preview.Email.Attachments[0].FileName)}:");
var report = new Table().AddColumns("recorded (UTC)", "number", "change", "source", "evidence");
var events = new List<ConsentEvent>();
await foreach (var e in store.GetEventsAsync(account, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddMinutes(1)))
{
    events.Add(e);
    report.AddRow(e.RecordedAt.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), e.Number.ToMaskedString(),
        e.Kind.ToString(), e.Source.ToString(), Markup.Escape(e.Evidence.MessageText ?? e.Evidence.LinkToken ?? string.Empty));
}

AnsiConsole.Write(report);
using (var csv = new MemoryStream())
{
    var exported = await app.Services.GetRequiredService<IConsentExporter>().WriteCsvAsync(account, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddMinutes(1), csv);
    AnsiConsole.MarkupLine($"  CSV export: {exported} events, {csv.Length} bytes");
    Check("the report lists exactly the two opt-outs, with their evidence",
        preview.OptOuts == 2 && exported == 2 && events.Count == 2 && events.Any(e => e.Source == OptOutSource.OptOutLink && e.Evidence.LinkToken is not null)
        && events.Any(e => e.Source == OptOutSource.Keyword && e.Evidence.MessageText == "Stop"));
}

// 8. Recipient 2 asks to be forgotten (GDPR Art. 17): everything about the number goes, its suppression stays as a pseudonym.
AnsiConsole.Write(new Rule("7. Recipient 2 asks to be erased").LeftJustified());
var erasure = await app.Services.GetRequiredService<IDataSubjectService>().EraseAsync(new ErasureRequest(numbers[1], "ticket-4711", "GDPR Art. 17 request by e-mail"));
foreach (var r in erasure.Records)
{
    AnsiConsole.MarkupLine($"  erased from {Markup.Escape(r.Account.Value)} for {Markup.Escape(r.RequestId)}: {r.Events} event(s), {r.Webhooks} webhook(s), "
        + $"{r.Tokens} link token(s), {r.Replies} reply row(s); {r.Suppressions} suppression(s) kept under a pseudonym");
}

var history = new List<ConsentEvent>();
await foreach (var e in store.GetHistoryAsync(account, numbers[1]))
{
    history.Add(e);
}

Check("nothing readable of recipient 2 is left, and an audit record without the number is", erasure.Records.Count == 1 && history.Count == 0
    && !(await store.GetSuppressedAsync(account, SmsOptOut.Suppression.SuppressionCursor.Start, 1_000)).Any(n => n.Number == numbers[1]));

// 9. The next campaign still skips both opted-out numbers, the erased one included.
AnsiConsole.Write(new Rule("8. The campaign after the erasure").LeftJustified());
var third = await sender.SendToListAsync(new ListSendRequest(account, list, "Acme Shoes: last call for the sale! Opt out: {optout}") { From = sendingNumber }, Recipients(contacts));
var thirdMessages = transport.Drain();
AnsiConsole.MarkupLine($"  sent {third.Sent}, skipped as opted out {third.Suppressed}");
Check("the erased number is still skipped", third.Suppressed == 2 && thirdMessages.All(m => m.To != numbers[0] && m.To != numbers[1]));

// 10. Single sends follow the rules of their purpose: at 02:00 the calling hours hold a marketing text, not a receipt.
AnsiConsole.Write(new Rule("9. Single sends at 02:00 in San Francisco: marketing waits, a receipt goes").LeftJustified());
var nightTransport = new DemoTransport();
var night = new ServiceCollection();
night.AddSingleton<TimeProvider>(new NightClock());
night.AddSingleton<ISmsTransport>(nightTransport);
night.AddSmsOptOut(o =>
{
    o.DefaultRegion = "US";
    o.Sending.QuietHours.Add(QuietHoursRule.UnitedStatesFederal);   // 8 a.m. to 9 p.m. at the recipient's location
    o.Sending.SenderIdentity.Name = "Acme Shoes";
}).UseInMemory();
await using (var nightServices = night.BuildServiceProvider())
{
    var nightSender = nightServices.GetRequiredService<ISmsSender>();
    var promotion = await nightSender.SendAsync(new SingleSendRequest(account, contacts[3], "Acme Shoes: flash sale, 30% off until noon! Reply STOP to opt out"));
    var receipt = await nightSender.SendAsync(new SingleSendRequest(account, contacts[3], "Acme Shoes: order 1042 has shipped.") { Purpose = MessagePurpose.Transactional });
    AnsiConsole.MarkupLine($"  marketing (the default purpose): {promotion.Status}, not before {promotion.NotBefore?.UtcDateTime:yyyy-MM-dd HH:mm} UTC — {Markup.Escape(promotion.Error ?? string.Empty)}");
    AnsiConsole.MarkupLine($"  transactional: {receipt.Status}");
    Check("the marketing single send waits for 08:00 local (15:00 UTC); the transactional one is sent now",
        promotion.Status == RecipientStatus.Deferred && promotion.NotBefore == new DateTimeOffset(2026, 7, 2, 15, 0, 0, TimeSpan.Zero)
        && receipt.Status == RecipientStatus.Sent && nightTransport.Drain().Select(m => m.Body).SequenceEqual(["Acme Shoes: order 1042 has shipped."]));
}

var failed = checks.Count(c => !c.Held);
AnsiConsole.Write(new Rule(failed == 0 ? $"[green]All {checks.Count} expectations held[/]" : $"[red]{failed} of {checks.Count} expectations failed[/]").LeftJustified());
if (options.KeepRunning)
{
    AnsiConsole.MarkupLine($"Still serving on {baseUrl}: open a link from the second campaign, e.g. [blue]{Markup.Escape(Link(secondMessages[0].Body))}[/]. Ctrl+C stops.");
    await app.WaitForShutdownAsync();
}

await app.StopAsync();
await app.DisposeAsync();
SqliteConnection.ClearAllPools();
return failed == 0 ? 0 : 1;

static async IAsyncEnumerable<string> Recipients(IEnumerable<string> contacts)
{
    foreach (var contact in contacts)
    {
        yield return contact;
    }

    await Task.CompletedTask;
}

static string Link(string body) => Regex.Match(body, @"https?://\S+").Value;

static string Heading(string html) => Regex.Match(html, "<h1>(.*?)</h1>").Groups[1].Value;

static int FreePort()
{
    using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static void ShowMessages(List<SmsMessage> messages)
{
    var table = new Table().AddColumns("to", "message", "segments");
    foreach (var m in messages.Take(5))
    {
        var info = SmsSegmentCalculator.Calculate(m.Body);
        table.AddRow(m.To.ToMaskedString(), Markup.Escape(m.Body), $"{info.Segments} ({info.Encoding}, {info.Units} units)");
    }

    if (messages.Count > 5)
    {
        table.AddRow("…", $"and {messages.Count - 5} more", string.Empty);
    }

    AnsiConsole.Write(table);
}

static void ShowReply(PhoneNumber from, string text, InboundSmsResult result, List<SmsMessage> replies)
{
    AnsiConsole.MarkupLine($"  {from.ToMaskedString()} wrote \"{Markup.Escape(text)}\" → {result.Match.Class}" +
        (result.Consent is { } c ? $", {c.Status}" : string.Empty));
    foreach (var reply in replies)
    {
        AnsiConsole.MarkupLine($"    reply: \"{Markup.Escape(reply.Body)}\"");
    }
}
