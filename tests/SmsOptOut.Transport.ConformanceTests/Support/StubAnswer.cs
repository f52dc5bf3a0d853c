namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>What the stub of the provider's API answers a send with.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body (JSON, usually).</param>
/// <param name="ContentType">The body's media type.</param>
public sealed record StubAnswer(int StatusCode, string Body, string ContentType = "application/json");
