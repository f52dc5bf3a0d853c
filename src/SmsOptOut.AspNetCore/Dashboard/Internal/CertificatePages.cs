using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Internal;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// The consent certificate of one event of a looked-up number (docs/evidence.md, "Certificates"), as the JSON download
/// or its HTML page. A GET, like the access download: it changes no consent state, but when no checkpoint covers the event
/// yet, <see cref="IConsentEvidence.CreateCertificateAsync"/> signs one and keeps it — append-only evidence that the
/// scheduler would have signed within <see cref="EvidenceOptions.CheckpointInterval"/> anyway, so a link preview or a
/// reload does no harm. The URL carries the number's reference (bound to the user, 30 minutes) and the event id; an
/// event of another number is refused as unknown.
/// </summary>
internal sealed class CertificatePages(DashboardEndpoints pages, ILogger logger)
{
    private static readonly string ContentSecurityPolicy = Html.Header(CertificatePage.ContentSecurityPolicy);

    /// <summary>Why this application offers no certificates, for the lookup to say; <see langword="null"/> when it does.</summary>
    public static string? Unavailable(IServiceProvider services) =>
        services.GetService<IConsentLogStore>() is null
            ? "Consent certificates need a storage that keeps the tamper-evident consent log (StorageCapabilities.ConsentLog), and this one does not."
            : services.GetRequiredService<IConsentEvidence>().PublicKeys.Count == 0
                ? "Consent certificates need a key that signs the log's checkpoints: EvidenceOptions.SigningKeys (SmsOptOut:Evidence:SigningKeys, docs/evidence.md)."
                : null;

    /// <summary>What the lookup offers for one event of the log: <see langword="null"/> when it has a certificate, otherwise why not.</summary>
    public static async Task<string?> WhyNoneAsync(IConsentLogStore log, AccountId account, string eventId, CancellationToken cancellationToken) =>
        await log.FindLogEntryAsync(account, eventId, cancellationToken).ConfigureAwait(false) switch
        {
            null => "none: recorded before the consent log",
            { Salt: null } => "none: retention minimized its evidence",
            _ => null,
        };

    /// <summary><c>GET /numbers/certificate?account=…&amp;ref=…&amp;event=…[&amp;format=json]</c>.</summary>
    public async Task CertificateAsync(HttpContext context)
    {
        if (pages.Account(context) is not { } account)
        {
            await pages.UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        if (pages.NumberOf(context, account, query["ref"].ToString()) is not { } number)
        {
            await pages.RefuseAsync(context, StatusCodes.Status404NotFound, DashboardEndpoints.StaleReference, DashboardEndpoints.StaleReferenceReason).ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        if (Unavailable(services) is { } why)
        {
            await pages.RefuseAsync(context, StatusCodes.Status501NotImplemented, why, "consent certificates are not configured").ConfigureAwait(false);
            return;
        }

        var eventId = query["event"].ToString();
        var json = query["format"].ToString() == "json";
        var entry = eventId.Length == 0 ? null : await services.GetRequiredService<IConsentLogStore>().FindLogEntryAsync(account, eventId, context.RequestAborted).ConfigureAwait(false);
        if (entry is not { Event: { } stored, Salt: not null } || stored.Number != number)
        {
            await pages.RefuseAsync(context, StatusCodes.Status404NotFound,
                "This number has no such event in the consent log with its content, so it has no certificate: an erased event's content is gone (its leaf stays in the log), " +
                "an event recorded before the log is not in it, and retention may have minimized the evidence.",
                "a certificate of an event the number has not, with its content, in the log").ConfigureAwait(false);
            return;
        }

        var evidence = services.GetRequiredService<IConsentEvidence>();
        var user = DashboardEndpoints.UserOf(context);
        string certificate;
        try
        {
            certificate = await evidence.CreateCertificateAsync(account, eventId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            // Erased between the two reads.
            await pages.RefuseAsync(context, StatusCodes.Status404NotFound, "This event was erased a moment ago: it has no certificate.", "a certificate of an event erased meanwhile")
                .ConfigureAwait(false);
            return;
        }
        catch (ConsentLogDivergenceException e)
        {
            // The stored event no longer gives its leaf (or the log its checkpoint's root): no certificate is issued.
            Log.DashboardCertificate(logger, eventId, number.ToMaskedString(), account.Value, user, json ? "JSON" : "HTML", "refused, the log does not verify");
            if (json)
            {
                await pages.RefuseAsync(context, StatusCodes.Status409Conflict, e.Message, "a certificate of an event whose log does not verify").ConfigureAwait(false);
                return;
            }

            await Html.WriteAsync(context, StatusCodes.Status409Conflict, ContentSecurityPolicy, CertificatePage.RenderFailure(pages.Title, stored, e.Message, e.Divergence.Reason))
                .ConfigureAwait(false);
            return;
        }

        Log.DashboardCertificate(logger, eventId, number.ToMaskedString(), account.Value, user, json ? "JSON" : "HTML", "issued");
        if (!json)
        {
            var verification = ConsentCertificateVerifier.Verify(certificate, evidence.PublicKeys);
            await Html.WriteAsync(context, StatusCodes.Status200OK, ContentSecurityPolicy, CertificatePage.Render(pages.Title, certificate, verification, evidence.PublicKeys, "this dashboard"))
                .ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"certificate-{SuppressionPages.FileSafe(account.Value)}-{SuppressionPages.FileSafe(eventId)}.json\"";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(certificate, context.RequestAborted).ConfigureAwait(false);
    }
}
