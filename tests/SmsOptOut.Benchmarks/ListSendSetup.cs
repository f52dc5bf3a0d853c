using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>A list of N recipients (E.164 text, streamed) of which 10 % are suppressed, over the in-memory store.</summary>
internal static class ListSendSetup
{
    public const string Template = "Spring sale at Acme Outdoor: 20% off everything until Sunday. Opt out: {optout}";
    public static readonly AccountId Account = new("bench");
    public static readonly ListId List = new("newsletter");

    public static ServiceProvider Build(int recipients, OptOutLinkMode mode, bool deduplicate, Action<SmsOptOutOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmsTransport>(new NoOpTransport());
        services.AddSmsOptOut(o =>
        {
            o.LinkBaseUrl = new Uri("https://opt.example/u/");
            o.Links.Mode = mode;
            o.Links.SigningKeys.Add(new OptOutLinkKey { Id = 1, Secret = Convert.ToBase64String(new byte[32]) });
            o.Sending.DeduplicateRecipients = deduplicate;
            o.Sending.BatchSize = 1_000;
            o.Sending.MaxConcurrency = 8;
            configure?.Invoke(o);
        }).UseInMemory();
        var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ISuppressionStore>();
        var at = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < recipients; i += 10)
        {
            store.ApplyAsync(new ConsentEvent
            {
                EventId = "s" + i.ToString(CultureInfo.InvariantCulture), Account = Account, Number = Number(i), Kind = ConsentKind.OptOut,
                Source = OptOutSource.Import, OccurredAt = at, RecordedAt = at,
            }, []).GetAwaiter().GetResult();
        }

        return provider;
    }

    public static PhoneNumber Number(int i) => PhoneNumber.FromValue(12_120_000_000UL + (ulong)i);

    /// <summary>The recipients as text, generated on the fly so the list itself takes no memory.</summary>
    public static async IAsyncEnumerable<string> Recipients(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return "+" + (12_120_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture);
        }

        await Task.CompletedTask;
    }
}
