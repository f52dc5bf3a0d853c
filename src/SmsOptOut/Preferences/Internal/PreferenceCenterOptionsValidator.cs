using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Suppression;

namespace SmsOptOut.Preferences.Internal;

/// <summary>Checks <see cref="PreferenceCenterOptions"/>; each failure names the option and what was expected.</summary>
internal static class PreferenceCenterOptionsValidator
{
    private const string Path = "SmsOptOutOptions.PreferenceCenter";

    public static void Validate(PreferenceCenterOptions options, IServiceProvider? services, List<string> failures)
    {
        var durations = options.PauseDurations;
        if (durations.Count > PreferenceCenterOptions.MaxPauseDurations)
        {
            failures.Add($"{Path}.PauseDurations has {durations.Count} periods; expected at most {PreferenceCenterOptions.MaxPauseDurations}, so the page stays short.");
        }

        foreach (var duration in durations)
        {
            if (duration < TimeSpan.FromDays(1) || duration > TimeSpan.FromDays(366) || duration.Ticks % TimeSpan.TicksPerDay != 0)
            {
                failures.Add($"{Path}.PauseDurations: {duration} must be whole days, 1 day to 1 year.");
            }
        }

        if (durations.Distinct().Count() != durations.Count)
        {
            failures.Add($"{Path}.PauseDurations names the same period twice; expected distinct periods.");
        }

        if (options.PauseCheckInterval < TimeSpan.FromSeconds(1) || options.PauseCheckInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Path}.PauseCheckInterval {options.PauseCheckInterval} must be 1 second to 1 hour: a pause ends within it.");
        }

        if (durations.Count > 0 && services?.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(ISuppressionPauses)))
        {
            failures.Add($"{Path}.PauseDurations offers pauses but the storage keeps none (StorageCapabilities.Pauses): use the SQLite, PostgreSQL, Redis or in-memory storage, or offer no pause.");
        }
    }
}
