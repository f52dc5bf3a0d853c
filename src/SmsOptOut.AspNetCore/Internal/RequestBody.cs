using Microsoft.AspNetCore.Http;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// What can go wrong while an endpoint reads a request body, so each endpoint answers it deliberately instead of
/// letting it escape as an unhandled exception: Kestrel's <see cref="BadHttpRequestException"/> (413 past the body
/// limit, whether declared or streamed in chunks; 400 for broken framing), or the client going away.
/// </summary>
internal static class RequestBody
{
    /// <summary>Whether <paramref name="exception"/>, thrown by a read of the body, is one of the failures above.</summary>
    public static bool IsReadFailure(Exception exception, HttpContext context) =>
        exception is BadHttpRequestException or IOException
        || (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested);

    /// <summary>The status to answer a read failure with; <see langword="null"/> when the client went away and no answer can reach it.</summary>
    public static int? Status(Exception exception) => exception is BadHttpRequestException bad ? bad.StatusCode : null;

    /// <summary>A short reason for the log, naming nothing the body carried.</summary>
    public static string Reason(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? "the body is larger than the endpoint accepts"
        : "the body's framing is malformed";
}
