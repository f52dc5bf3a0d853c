using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Processes;

/// <summary>The options and numbers every process of a multi-process proof shares: a callback URL (so every opt-out owes a webhook), a fixed secret and a compressed schedule.</summary>
internal static class WorkerOptions
{
    /// <summary>The account the workers write to.</summary>
    public static readonly AccountId Account = new("crash");

    public static void Configure(SmsOptOutOptions o, string? callbackUrl, int leaseSeconds)
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
        o.DataProtection.PseudonymKeys.Add(TestStore.PseudonymKey);
    }

    public static PhoneNumber Number(long index) => PhoneNumber.FromValue(12_120_000_000UL + (ulong)index);
}
