namespace SmsOptOut.Keywords;

/// <summary>Who sends the reply to an inbound message.</summary>
public enum InboundReplyDelivery
{
    /// <summary>The processor sends it through the registered <c>ISmsTransport</c>.</summary>
    Transport = 1,

    /// <summary>The caller sends it, for example as TwiML in the webhook response; the processor only returns the text.</summary>
    Caller = 2,
}
