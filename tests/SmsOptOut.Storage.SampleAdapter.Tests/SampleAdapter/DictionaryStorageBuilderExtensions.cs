using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>How a host chooses the sample adapter: <c>services.AddSmsOptOut(…).UseDictionaryStorage()</c>.</summary>
public static class DictionaryStorageBuilderExtensions
{
    /// <summary>Keeps everything in dictionaries in this process (one set per service provider).</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseDictionaryStorage(this ISmsOptOutBuilder builder) =>
        builder.UseStorage("Dictionary", static services => services.AddSmsOptOutStorage<DictionaryStorage>());
}
