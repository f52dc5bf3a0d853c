using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// One list send in a fresh process, printing throughput and the process's peak working set: run it for 100,000 and
/// for 1,000,000 recipients to see how memory grows with the list. It also prints what stays on the managed heap after
/// the send (after a full GC): in stored mode that is the issued tokens, kept by the in-memory store, not by the sender.
/// </summary>
internal static class ListSendFootprint
{
    public static void Run(int recipients, OptOutLinkMode mode, bool deduplicate)
    {
        using var services = ListSendSetup.Build(recipients, mode, deduplicate);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var result = services.GetRequiredService<ISmsSender>().SendToListAsync(
            new ListSendRequest(ListSendSetup.Account, ListSendSetup.List, ListSendSetup.Template), ListSendSetup.Recipients(recipients)).GetAwaiter().GetResult();
        watch.Stop();
        using var after = Process.GetCurrentProcess();
        var kept = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{recipients:N0} recipients, {mode}, dedupe {deduplicate}: sent {result.Sent:N0}, suppressed {result.Suppressed:N0} in {watch.Elapsed.TotalSeconds:F2} s " +
            $"= {recipients / watch.Elapsed.TotalSeconds:N0} recipients/s; working set before send {baseline / 1048576.0:F0} MiB, peak {after.PeakWorkingSet64 / 1048576.0:F0} MiB; " +
            $"kept on the heap after the send {kept / 1048576.0:F0} MiB ({(double)kept / recipients:F0} B per recipient)"));
    }
}
