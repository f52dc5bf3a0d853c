using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Worker;

/// <summary>Builds SmsOptOut over the storage under test, with a callback URL so every opt-out owes a webhook row.</summary>
public static class WorkerStorage
{
    public static ServiceProvider Build(string storage, string connection, string? callbackUrl = null, int leaseSeconds = 0)
    {
        var services = new ServiceCollection();
        var builder = services.AddSmsOptOut(o => Configure(o, callbackUrl, leaseSeconds));
        _ = storage switch
        {
            "sqlite" => builder.UseSqlite(connection),
            "postgres" => builder.UsePostgreSql(o =>
            {
                var parts = connection.Split('|');
                o.ConnectionString = parts[0];
                o.Schema = parts.Length > 1 ? parts[1] : o.Schema;
            }),
            "redis" => builder.UseRedis(o =>
            {
                var parts = connection.Split('|');
                o.Configuration = parts[0];
                o.KeyPrefix = parts.Length > 1 ? parts[1] : o.KeyPrefix;
            }),
            _ => throw new ArgumentException("unknown storage " + storage),
        };
        return services.BuildServiceProvider();
    }

    /// <summary>The webhook options every process of a test uses: a callback URL, a fixed secret and a compressed schedule.</summary>
    public static void Configure(SmsOptOut.SmsOptOutOptions o, string? callbackUrl, int leaseSeconds)
    {
        o.Webhooks.CallbackUrl = new Uri(callbackUrl ?? "https://hooks.example.com/optout");
        o.Webhooks.Secrets.Add("whsec_" + Convert.ToBase64String(new byte[32]));
        o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
        o.Webhooks.RetrySchedule.Clear();
        for (var i = 0; i < 15; i++)
        {
            o.Webhooks.RetrySchedule.Add(TimeSpan.FromMilliseconds(50));
        }

        o.Webhooks.RequestTimeout = TimeSpan.FromSeconds(Math.Max(1, leaseSeconds / 2.0));
        o.Webhooks.LeaseDuration = TimeSpan.FromSeconds(Math.Max(2, leaseSeconds));
        o.Webhooks.PollInterval = TimeSpan.FromMilliseconds(50);
        o.Webhooks.MaxConcurrency = 8;
        o.DataProtection.PseudonymKeys.Add(PseudonymKey);
    }

    /// <summary>The pseudonym key every process of a test uses — the conformance suite's — so each reads the erasures of the others.</summary>
    public static SmsOptOut.Privacy.PseudonymKey PseudonymKey { get; } = new() { Id = 1, Secret = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("conformance-suite-pseudonym-key-0001")) };

    public static PhoneNumber Number(long index) => PhoneNumber.FromValue(12_120_000_000UL + (ulong)index);
}
