using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>
/// One list message held for a recipient outside their allowed hours, to be sent by the scheduler from
/// <see cref="NotBefore"/>. For storage adapter authors: keep <see cref="Message"/> as given; SmsOptOut reads it back.
/// </summary>
/// <param name="Id">Unique id; adding the same id twice keeps one.</param>
/// <param name="Account">The sending account.</param>
/// <param name="Number">The recipient.</param>
/// <param name="NotBefore">The earliest instant it may be sent.</param>
/// <param name="Message">The list send it belongs to (template, list, campaign, sender), as SmsOptOut wrote it.</param>
public sealed record DeferredSend(string Id, AccountId Account, PhoneNumber Number, DateTimeOffset NotBefore, string Message);
