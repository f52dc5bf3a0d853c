using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Numbers;
using SmsOptOut.Providers.Internal;
using SmsOptOut.Sending;

namespace SmsOptOut.Providers;

/// <summary>
/// A provider's transport over its HTTP API, for provider authors: the account's credentials are chosen (a tenant's
/// invalid ones fail its message with their validation message), the request is sent with
/// <see cref="ProviderHttp.SendMessageAsync"/> — retried only when nothing was created, unknown when it cannot be known —
/// and the answer is read by the provider. Throttled answers (429, 503 with <c>Retry-After</c>) never reach
/// <see cref="Read"/>.
/// </summary>
/// <typeparam name="TOptions">The provider's options type.</typeparam>
public abstract class ProviderTransport<TOptions> : ISmsTransport
    where TOptions : class
{
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger? _logger;

    /// <summary>Creates the transport.</summary>
    /// <param name="httpClients">The factory of the provider's named client.</param>
    /// <param name="options">The provider's options per account.</param>
    /// <param name="time">The clock timeouts and waits run on.</param>
    /// <param name="loggers">Where retries are logged (category <c>SmsOptOut.Providers</c>, event 1306); nowhere when <see langword="null"/>.</param>
    protected ProviderTransport(IHttpClientFactory httpClients, ProviderAccountOptions<TOptions> options, TimeProvider time, ILoggerFactory? loggers = null)
    {
        _logger = loggers?.CreateLogger("SmsOptOut.Providers");
        _httpClients = httpClients ?? throw new ArgumentNullException(nameof(httpClients));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The provider's options per account.</summary>
    protected ProviderAccountOptions<TOptions> Options { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The provider's name, recorded with every result (<c>telnyx</c>).</summary>
    protected abstract string ProviderName { get; }

    /// <summary>The name of the provider's <see cref="HttpClient"/> (registered without a timeout of its own).</summary>
    protected abstract string ClientName { get; }

    /// <inheritdoc />
    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        TOptions options;
        try
        {
            options = await Options.GetAsync(message.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            return SmsSendResult.Failed(null, e.Message) with { ProviderName = ProviderName };
        }

        if (message.From is { } from && (SenderAddressRules.Refusal(from, message.To) ?? RefuseSender(from, options)) is { } refusal)
        {
            return SmsSendResult.Failed(null, refusal) with { ProviderName = ProviderName };
        }

        return await ProviderHttp.SendMessageAsync(_httpClients.CreateClient(ClientName), () => CreateRequest(message, options), ReadAsync,
            Policy(options) with { Logger = _logger }, Time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The static options for <typeparamref name="TOptions"/>, the transport itself for its own types.</summary>
    /// <param name="serviceType">The type asked for.</param>
    /// <param name="serviceKey">A key, which this transport does not use.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(TOptions) ? Options.Static
        : serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : null;

    /// <summary>
    /// Why the provider cannot send from <paramref name="from"/> with the account's options (Telnyx needs a messaging
    /// profile for an alphanumeric sender ID), or <see langword="null"/> when it can. The message fails with the reason,
    /// before anything is sent. Rules that hold for every provider (a short code reaches only its own country, no
    /// alphanumeric sender ID reaches North America) are checked before.
    /// </summary>
    /// <param name="from">The sending address.</param>
    /// <param name="options">The account's options.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    protected virtual string? RefuseSender(SenderAddress from, TOptions options) => null;

    /// <summary>The timeout and attempts the account's options ask for, with the provider's names.</summary>
    /// <param name="options">The account's options.</param>
    /// <returns>The policy.</returns>
    protected abstract ProviderRetryPolicy Policy(TOptions options);

    /// <summary>The provider's send request for <paramref name="message"/>; called once per attempt.</summary>
    /// <param name="message">The message.</param>
    /// <param name="options">The account's options (credentials, sender, base address).</param>
    /// <returns>The request.</returns>
    protected abstract HttpRequestMessage CreateRequest(SmsMessage message, TOptions options);

    /// <summary>
    /// Reads the provider's answer: <see cref="ProviderResponse.Final"/> for what it says,
    /// <see cref="ProviderResponse.Retry"/> only when it proves nothing was created, <see cref="ProviderResponse.Unknown"/>
    /// when it does not say (a 5xx).
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body.</param>
    /// <returns>The answer.</returns>
    protected abstract ProviderResponse Read(HttpStatusCode status, string body);

    private async Task<ProviderResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ProviderHttp.Throttled(response, Time)
        ?? Read(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
}
