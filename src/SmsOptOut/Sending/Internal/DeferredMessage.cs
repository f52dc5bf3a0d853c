using System.Text.Json;
using System.Text.Json.Serialization;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// The send a held message belongs to, as <see cref="DeferredSend.Message"/> keeps it (JSON); messages of one send share
/// it. A message held before purposes existed has none and was a list send of the default purpose; <c>list</c> is absent
/// for a single send without a list.
/// </summary>
internal sealed record DeferredMessage(string Template, string? List, string? Campaign, string? From, DoNotCallExemption DoNotCallExemption, ConsentRequirement Consent)
{
    public MessagePurpose? Purpose { get; init; }

    public bool Single { get; init; }

    public static DeferredMessage Of(SendJob job) =>
        new(job.Template, job.List?.Value, job.Campaign?.Value, job.From?.ToString(), job.DoNotCallExemption, job.Consent) { Purpose = job.Purpose, Single = job.Single };

    public string ToJson() => JsonSerializer.Serialize(this, DeferredMessageJsonContext.Default.DeferredMessage);

    public static DeferredMessage FromJson(string json) =>
        JsonSerializer.Deserialize(json, DeferredMessageJsonContext.Default.DeferredMessage) ?? throw new JsonException("A held message's send is empty.");

    /// <summary>The send that releases held messages of <paramref name="account"/>, under the rules of its purpose as they are now.</summary>
    public SendJob ToJob(AccountId account, MessagePurpose defaultPurpose, Func<MessagePurpose, SendRules> rules)
    {
        var purpose = Purpose ?? defaultPurpose;
        return new SendJob(account, List is null ? null : new ListId(List), Template, purpose, rules(purpose))
        {
            Campaign = Campaign is null ? null : new CampaignId(Campaign),
            From = From is null ? null : SenderAddress.Parse(From),
            DoNotCallExemption = DoNotCallExemption,
            Consent = Consent,
            Single = Single,
        };
    }
}

/// <summary>Source-generated JSON of <see cref="DeferredMessage"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(DeferredMessage))]
internal sealed partial class DeferredMessageJsonContext : JsonSerializerContext;
