using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>Dead letters made as a dispatcher makes them after the last retry: each number opted out (owing a webhook), each webhook then given up.</summary>
internal static class DeadLetters
{
    public static async Task<List<string>> CreateAsync(LandingHost host, params PhoneNumber[] numbers)
    {
        foreach (var number in numbers)
        {
            await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, number, OptOutSource.Keyword));
        }

        var now = DateTimeOffset.UtcNow;
        var claimed = await host.Outbox.ClaimDueAsync("test", now.AddMinutes(1), TimeSpan.FromMinutes(5), 10);
        foreach (var message in claimed)
        {
            if (!await host.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "test", OutboxMessageState.DeadLettered, 8, now, now, "HTTP 500 from the receiver")))
            {
                throw new InvalidOperationException($"The attempt of {message.Id} was not recorded.");
            }
        }

        return [.. claimed.Select(m => m.Id)];
    }
}
