using System.Reflection;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Sets a SQL store's internal, benchmark-only <c>WritesConsentLog</c> option (<see cref="ConsentLogWriteBenchmarks"/>).
/// By reflection: the storage packages compile shared internal sources that would clash in this project if it saw their
/// internals.
/// </summary>
internal static class ConsentLogSwitch
{
    public static void Set(object storageOptions, bool writesConsentLog)
    {
        var property = storageOptions.GetType().GetProperty("WritesConsentLog", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{storageOptions.GetType().Name} has no WritesConsentLog switch.");
        property.SetValue(storageOptions, writesConsentLog);
    }
}
