using System.Text.Json;
using System.Text.Json.Serialization;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending.Internal;

/// <summary>The list send a held message belongs to, as <see cref="DeferredSend.Message"/> keeps it (JSON); messages of one send share it.</summary>
internal sealed record DeferredMessage(string Template, string List, string? Campaign, string? From, DoNotCallExemption DoNotCallExemption, ConsentRequirement Consent)
{
    public static DeferredMessage Of(ListSendRequest request) =>
        new(request.Template, request.List.Value, request.Campaign?.Value, request.From?.ToString(), request.DoNotCallExemption, request.Consent);

    public string ToJson() => JsonSerializer.Serialize(this, DeferredMessageJsonContext.Default.DeferredMessage);

    public static DeferredMessage FromJson(string json) =>
        JsonSerializer.Deserialize(json, DeferredMessageJsonContext.Default.DeferredMessage) ?? throw new JsonException("A held message's send is empty.");

    /// <summary>The list send that releases held messages of <paramref name="account"/>.</summary>
    public ListSendRequest ToRequest(AccountId account) => new(account, new ListId(List), Template)
    {
        Campaign = Campaign is null ? null : new CampaignId(Campaign),
        From = From is null ? null : SenderAddress.Parse(From),
        DoNotCallExemption = DoNotCallExemption,
        Consent = Consent,
    };
}

/// <summary>Source-generated JSON of <see cref="DeferredMessage"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeferredMessage))]
internal sealed partial class DeferredMessageJsonContext : JsonSerializerContext;
