using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

// A minimal tour on the embedded SQLite storage: opt one number out, then filter a list the way a campaign send does.
// --db <path> chooses the database file (default: smsoptout-demo.db in the working folder, recreated on every run).
var db = args.Length >= 2 && args[0] == "--db" ? args[1] : Path.Combine(Environment.CurrentDirectory, "smsoptout-demo.db");
foreach (var suffix in new[] { "", "-wal", "-shm" })
{
    File.Delete(db + suffix);
}

var services = new ServiceCollection();
services.AddSmsOptOut(o => o.DefaultRegion = "US").UseSqlite($"Data Source={db}");
await using var provider = services.BuildServiceProvider();

var optOut = provider.GetRequiredService<IOptOutService>();
var store = provider.GetRequiredService<ISuppressionStore>();
var account = new AccountId("demo");

string[] contacts = ["(415) 555-2671", "+1 415 555 2672", "415.555.2673", "+14155552671"];
var numbers = contacts.Select(c => PhoneNumber.Parse(c, "US")).Distinct().ToArray();
Console.WriteLine($"List of {contacts.Length} contacts, {numbers.Length} distinct numbers.");

var result = await optOut.OptOutAsync(new ConsentRequest(account, numbers[0], OptOutSource.Keyword)
{
    Evidence = new ConsentEvidence { MessageText = "STOP" },
});
Console.WriteLine($"{numbers[0].ToMaskedString()} replied STOP: {result.Status}.");

var suppressed = new bool[numbers.Length];
await store.FilterAsync(account, null, numbers, suppressed);
var failures = 0;
for (var i = 0; i < numbers.Length; i++)
{
    var expected = i == 0;
    Console.WriteLine($"  {numbers[i].ToMaskedString()}  {(suppressed[i] ? "skipped (opted out)" : "would be sent")}");
    failures += suppressed[i] == expected ? 0 : 1;
}

Console.WriteLine(failures == 0 ? $"The next list send skips the opted-out number. (Stored in {db}.)" : "Unexpected suppression state.");
return failures == 0 ? 0 : 1;
