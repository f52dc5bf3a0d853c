using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Keywords;
using SmsOptOut.Keywords.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Storage;

namespace SmsOptOut.OptIn.Internal;

/// <summary>Double and single opt-in over the storage's <see cref="IOptInStore"/>; the inbound processor confirms through it.</summary>
internal sealed class OptInService(
    IOptions<SmsOptOutOptions> options,
    IKeywordOptionsProvider keywordOptions,
    ISenderIdentityProvider senderIdentities,
    TimeProvider timeProvider,
    ILogger<OptInService> logger,
    IOptInStore? store = null,
    ISmsTransport? transport = null) : IOptInService
{
    public const string NoStoreMessage =
        "The chosen storage keeps no opt-ins (IOptInStore): double opt-in and list sends that require consent need the SQLite, PostgreSQL, Redis or in-memory storage, or an adapter that implements IOptInStore.";

    public bool IsAvailable => store is not null;

    public async Task<OptInRequestResult> RequestOptInAsync(OptInRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var (outcome, expiresAt, options) = await SaveRequestAsync(request.Account, request.Number, request.Evidence, cancellationToken).ConfigureAwait(false);
        if (outcome != OptInRequestOutcome.Saved)
        {
            return new OptInRequestResult(outcome);
        }

        var text = await RenderAsync(options.ConfirmationRequest, request.Account, cancellationToken).ConfigureAwait(false);
        var result = new OptInRequestResult(outcome) { ExpiresAt = expiresAt, ConfirmationText = text };
        if (transport is null)
        {
            return result with { Error = "no ISmsTransport is registered" };
        }

        var sent = await transport.SendAsync(new SmsMessage(request.Number, text) { From = request.From, Account = request.Account }, cancellationToken).ConfigureAwait(false);
        if (sent.Status != SmsSendStatus.Sent)
        {
            Log.OptInTextFailed(logger, request.Number.ToMaskedString(), sent.Status.ToString(), sent.ErrorMessage);
            return result with { Error = $"{sent.Status}: {sent.ErrorMessage}" };
        }

        return result with { Sent = true };
    }

    public Task<bool> RecordOptInAsync(OptInRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var now = timeProvider.GetUtcNow();
        if (!Enum.IsDefined(request.Basis))
        {
            throw new ArgumentException($"OptInRequest.Basis {(int)request.Basis} is not a ConsentBasis; expected Express, Purchase, Inquiry, Membership, ConspicuousPublication or Disclosure.", nameof(request));
        }

        if (request.BasisAt > now)
        {
            throw new ArgumentException($"OptInRequest.BasisAt {request.BasisAt:O} is in the future (now {now:O}); expected the date the purchase, inquiry or sign-up happened.", nameof(request));
        }

        if (request.BasisAt is not null && request.Basis == ConsentBasis.Express)
        {
            throw new ArgumentException("OptInRequest.BasisAt is set for an express opt-in; it dates an implied basis (a purchase, an inquiry). Express consent is recorded now.", nameof(request));
        }

        var at = request.BasisAt ?? now;
        var grant = new OptInGrant(at, request.Evidence) { Basis = request.Basis, ExpiresAt = ConsentLifetimes.ExpiryOf(options.Value, request.Basis, at, request.Number) };
        return Store.RecordOptInAsync(request.Account, request.Number, grant, cancellationToken);
    }

    public IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, TimeSpan within, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(within, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        return Store.GetExpiringAsync(account, now, now + within, cancellationToken);
    }

    public Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        return Store.GetAsync(account, number, cancellationToken);
    }

    /// <summary>Stores a request (from a form or a sign-up keyword) under the account's double opt-in options.</summary>
    public async Task<(OptInRequestOutcome Outcome, DateTimeOffset ExpiresAt, DoubleOptInOptions Options)> SaveRequestAsync(
        AccountId account, PhoneNumber number, ConsentEvidence evidence, CancellationToken cancellationToken)
    {
        var options = (await keywordOptions.GetOptionsAsync(account, cancellationToken).ConfigureAwait(false)).DoubleOptIn;
        var now = timeProvider.GetUtcNow();
        var expiresAt = now + options.RequestLifetime;
        var outcome = await Store.SaveRequestAsync(account, number, new OptInConfirmationRequest(now, expiresAt, evidence), options.ResendAfter, cancellationToken)
            .ConfigureAwait(false);
        Log.OptInRequested(logger, number.ToMaskedString(), account.Value, outcome.ToString());
        return (outcome, expiresAt, options);
    }

    /// <summary>Confirms the pending request of the sender of <paramref name="message"/>, if any.</summary>
    public async Task<OptInRecord?> TryConfirmAsync(InboundSms message, ConsentEvidence evidence, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return null;
        }

        var confirmed = await store.ConfirmAsync(message.Account, message.From, timeProvider.GetUtcNow(), evidence, cancellationToken).ConfigureAwait(false);
        if (confirmed is not null)
        {
            Log.OptInConfirmed(logger, message.From.ToMaskedString(), message.Account.Value);
        }

        return confirmed;
    }

    /// <summary>Deletes the number's consent record, when the storage keeps any.</summary>
    public Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken) =>
        store?.RevokeAsync(account, number, cancellationToken) ?? Task.FromResult(false);

    /// <summary>Deletes every lapsed request that was never confirmed; returns how many.</summary>
    public async Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int Limit = 1_000;
        if (store is null)
        {
            return 0;
        }

        return await Periodic.DrainAsync(Limit, limit => store.PurgeExpiredRequestsAsync(now, limit, cancellationToken)).ConfigureAwait(false);
    }

    private IOptInStore Store => store ?? throw new InvalidOperationException(NoStoreMessage);

    private async Task<string> RenderAsync(string template, AccountId account, CancellationToken cancellationToken) =>
        ReplyTemplate.Render(template, account, await senderIdentities.GetIdentityAsync(account, cancellationToken).ConfigureAwait(false));

    private static void Validate(OptInRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StoreArguments.ValidateNumber(request.Account, request.Number);
        ArgumentNullException.ThrowIfNull(request.Evidence);
    }
}
