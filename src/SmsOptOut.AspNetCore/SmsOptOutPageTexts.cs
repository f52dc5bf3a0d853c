namespace SmsOptOut.AspNetCore;

/// <summary>
/// The words of the opt-out landing pages. Every text is HTML-encoded when written; <c>{0}</c> in a text is replaced
/// by the account's display name. Add a translation to <see cref="SmsOptOutEndpointOptions.LocalizedTexts"/>.
/// </summary>
public sealed record SmsOptOutPageTexts
{
    /// <summary>The built-in English texts.</summary>
    public static SmsOptOutPageTexts English { get; } = new();

    /// <summary>The built-in French texts.</summary>
    public static SmsOptOutPageTexts French { get; } = new()
    {
        Language = "fr",
        UnsubscribeTitle = "Se désabonner des SMS de {0}",
        UnsubscribeIntro = "Vous ne recevrez plus de SMS de {0} à ce numéro :",
        UnsubscribeButton = "Se désabonner",
        UnsubscribedTitle = "Vous êtes désabonné",
        UnsubscribedIntro = "{0} ne vous enverra plus de SMS à ce numéro :",
        ResubscribeButton = "J’ai changé d’avis",
        ResubscribedTitle = "Vous êtes à nouveau abonné",
        ResubscribedIntro = "{0} pourra de nouveau vous envoyer des SMS à ce numéro :",
        NotFoundTitle = "Lien introuvable",
        NotFoundIntro = "Ce lien n’est pas valide ou a expiré. Pour ne plus recevoir de SMS, répondez STOP ou ARRET.",
        TooManyRequestsTitle = "Trop de demandes",
        TooManyRequestsIntro = "Veuillez réessayer dans une minute.",
        BadRequestTitle = "Demande invalide",
        BadRequestIntro = "Ce formulaire n’a pas pu être lu. Veuillez rouvrir le lien.",
    };

    /// <summary>The built-in German texts.</summary>
    public static SmsOptOutPageTexts German { get; } = new()
    {
        Language = "de",
        UnsubscribeTitle = "SMS von {0} abbestellen",
        UnsubscribeIntro = "Sie erhalten dann keine SMS mehr von {0} an diese Nummer:",
        UnsubscribeButton = "Abbestellen",
        UnsubscribedTitle = "Sie sind abgemeldet",
        UnsubscribedIntro = "{0} sendet Ihnen keine SMS mehr an diese Nummer:",
        ResubscribeButton = "Ich habe es mir anders überlegt",
        ResubscribedTitle = "Sie sind wieder angemeldet",
        ResubscribedIntro = "{0} darf Ihnen wieder SMS an diese Nummer senden:",
        NotFoundTitle = "Link nicht gefunden",
        NotFoundIntro = "Dieser Link ist ungültig oder abgelaufen. Um keine SMS mehr zu erhalten, antworten Sie STOP.",
        TooManyRequestsTitle = "Zu viele Anfragen",
        TooManyRequestsIntro = "Bitte versuchen Sie es in einer Minute erneut.",
        BadRequestTitle = "Ungültige Anfrage",
        BadRequestIntro = "Das Formular konnte nicht gelesen werden. Bitte öffnen Sie den Link erneut.",
    };

    /// <summary>The page's language, written to <c>&lt;html lang&gt;</c>. Default <c>en</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Heading of the page a link opens (GET).</summary>
    public string UnsubscribeTitle { get; init; } = "Unsubscribe from {0} text messages";

    /// <summary>Text above the masked number on the page a link opens.</summary>
    public string UnsubscribeIntro { get; init; } = "You will no longer receive text messages from {0} at this number:";

    /// <summary>The button that opts out.</summary>
    public string UnsubscribeButton { get; init; } = "Unsubscribe";

    /// <summary>Heading of the confirmation after opting out.</summary>
    public string UnsubscribedTitle { get; init; } = "You are unsubscribed";

    /// <summary>Text above the masked number on the confirmation.</summary>
    public string UnsubscribedIntro { get; init; } = "{0} will no longer send text messages to this number:";

    /// <summary>The button that opts back in.</summary>
    public string ResubscribeButton { get; init; } = "I changed my mind";

    /// <summary>Heading after opting back in.</summary>
    public string ResubscribedTitle { get; init; } = "You are subscribed again";

    /// <summary>Text above the masked number after opting back in.</summary>
    public string ResubscribedIntro { get; init; } = "{0} may send text messages to this number again:";

    /// <summary>Heading of the neutral page for an unknown, expired or tampered link.</summary>
    public string NotFoundTitle { get; init; } = "Link not found";

    /// <summary>Text of the neutral page for an unknown, expired or tampered link.</summary>
    public string NotFoundIntro { get; init; } = "This link is not valid or has expired. To stop receiving text messages, reply STOP.";

    /// <summary>Heading of the page shown when a client sends too many requests.</summary>
    public string TooManyRequestsTitle { get; init; } = "Too many requests";

    /// <summary>Text of the page shown when a client sends too many requests.</summary>
    public string TooManyRequestsIntro { get; init; } = "Please try again in a minute.";

    /// <summary>Heading of the page shown for a form that cannot be read.</summary>
    public string BadRequestTitle { get; init; } = "Invalid request";

    /// <summary>Text of the page shown for a form that cannot be read.</summary>
    public string BadRequestIntro { get; init; } = "This form could not be read. Please open the link again.";
}
