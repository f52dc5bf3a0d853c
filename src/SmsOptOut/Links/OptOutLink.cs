namespace SmsOptOut.Links;

/// <summary>An issued opt-out link.</summary>
/// <param name="Token">The base62 token at the end of the URL.</param>
/// <param name="Url">The full link: <c>LinkBaseUrl</c> followed by the token.</param>
/// <param name="ExpiresAt">After this instant the link resolves as unknown.</param>
/// <param name="Target">Who the link belongs to.</param>
public sealed record OptOutLink(string Token, string Url, DateTimeOffset ExpiresAt, OptOutLinkTarget Target);
