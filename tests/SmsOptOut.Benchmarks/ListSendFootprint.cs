using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// One list send in a fresh process, printing throughput and the process's peak working set: run it for 100,000 and
/// for 1,000,000 recipients to see how memory grows with the list.
/// </summary>
internal static class ListSendFootprint
{
    public static void Run(int recipients, OptOutLinkMode mode, bool deduplicate)
    {
        using var services = ListSendSetup.Build(recipients, mode, deduplicate);
        GC.Collect();
        var before = Process.GetCurrentProcess();
        var baseline = before.WorkingSet64;
        var watch = Stopwatch.StartNew();
        var result = services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(ListSendSetup.Account, ListSendSetup.List, ListSendSetup.Template), ListSendSetup.Recipients(recipients)).GetAwaiter().GetResult();
        watch.Stop();
        using var after = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{recipients:N0} recipients, {mode}, dedupe {deduplicate}: sent {result.Sent:N0}, suppressed {result.Suppressed:N0} in {watch.Elapsed.TotalSeconds:F2} s " +
            $"= {recipients / watch.Elapsed.TotalSeconds:N0} recipients/s; working set before send {baseline / 1048576.0:F0} MiB, peak {after.PeakWorkingSet64 / 1048576.0:F0} MiB"));
    }
}
