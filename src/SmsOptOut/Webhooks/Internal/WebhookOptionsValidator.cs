namespace SmsOptOut.Webhooks.Internal;

/// <summary>Checks webhook options at startup.</summary>
internal static class WebhookOptionsValidator
{
    public static void Validate(WebhookOptions options, List<string> failures)
    {
        const string Path = "SmsOptOutOptions.Webhooks";
        foreach (var (name, url) in options.ListCallbackUrls.Select(p => ($"ListCallbackUrls[{p.Key}]", (Uri?)p.Value)).Prepend(("CallbackUrl", options.CallbackUrl)))
        {
            if (url is not null && WebhookUrlPolicy.Refusal(url, options.DangerouslyAllowLoopbackAndHttpForTesting) is { } refusal)
            {
                failures.Add($"{Path}.{name}: {refusal}.");
            }
        }

        if ((options.CallbackUrl is not null || options.ListCallbackUrls.Count > 0) && options.Secrets.Count == 0)
        {
            failures.Add($"{Path}.Secrets is empty: a callback URL needs a signing secret (WebhookSecret.Generate() makes one).");
        }

        if (options.Secrets.Count > 2 || options.Secrets.Any(s => !WebhookSecret.TryGetKey(s, out _)))
        {
            failures.Add($"{Path}.Secrets must hold one or two secrets, each 'whsec_' followed by base64 of 24 to 64 random bytes.");
        }

        if (!Enum.IsDefined(options.Format))
        {
            failures.Add($"{Path}.Format {(int)options.Format} is not Legacy, StandardEnvelope or FormEncoded.");
        }

        if (options.IncludeOptIns && options.Format != WebhookPayloadFormat.StandardEnvelope)
        {
            failures.Add($"{Path}.IncludeOptIns needs Format = StandardEnvelope: a legacy receiver would read an opt-in as an opt-out.");
        }

        if (options.RetrySchedule.Count > 50 || options.RetrySchedule.Any(d => d < TimeSpan.Zero || d > TimeSpan.FromDays(7)))
        {
            failures.Add($"{Path}.RetrySchedule must hold at most 50 delays of 0 to 7 days.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Path}.RequestTimeout {options.RequestTimeout} must be above zero and at most 5 minutes.");
        }

        if (options.LeaseDuration <= options.RequestTimeout)
        {
            failures.Add($"{Path}.LeaseDuration {options.LeaseDuration} must be longer than RequestTimeout {options.RequestTimeout}, or another instance could claim a message still being delivered.");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.MaxConcurrency < 1 || options.MaxConcurrencyPerEndpoint < 1 || options.DeliveredRetention < TimeSpan.Zero)
        {
            failures.Add($"{Path}: PollInterval must be positive, MaxConcurrency and MaxConcurrencyPerEndpoint at least 1, DeliveredRetention not negative.");
        }
    }
}
