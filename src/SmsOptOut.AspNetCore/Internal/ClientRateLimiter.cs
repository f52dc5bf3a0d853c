using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// A fixed window of landing-page requests per client IP, with System.Threading.RateLimiting's partitioned limiter
/// (the one ASP.NET Core's rate-limiting middleware uses), built in so it works without the host adding the
/// middleware. Over the limit: a 429 page with <c>Retry-After</c>.
/// </summary>
internal sealed class ClientRateLimiter(int permitsPerMinute) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute, Window = Window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>True when the request may go on; otherwise the 429 page has been written.</summary>
    public async Task<bool> AdmitAsync(HttpContext context, SmsOptOutPageTexts texts)
    {
        using var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return true;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await OptOutPage.WriteAsync(context, StatusCodes.Status429TooManyRequests, texts.Language, texts.TooManyRequestsTitle, texts.TooManyRequestsIntro).ConfigureAwait(false);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
