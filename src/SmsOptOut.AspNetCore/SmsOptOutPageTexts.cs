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
        PrivacyPolicyLink = "Politique de confidentialité",
        ContactLink = "Contact",
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
        PrivacyPolicyLink = "Datenschutzerklärung",
        ContactLink = "Kontakt",
    };

    /// <summary>The built-in Spanish texts (usted).</summary>
    public static SmsOptOutPageTexts Spanish { get; } = new()
    {
        Language = "es",
        UnsubscribeTitle = "Darse de baja de los SMS de {0}",
        UnsubscribeIntro = "Dejará de recibir SMS de {0} en este número:",
        UnsubscribeButton = "Darme de baja",
        UnsubscribedTitle = "Se ha dado de baja",
        UnsubscribedIntro = "{0} ya no enviará SMS a este número:",
        ResubscribeButton = "He cambiado de opinión",
        ResubscribedTitle = "Se ha vuelto a suscribir",
        ResubscribedIntro = "{0} podrá volver a enviarle SMS a este número:",
        NotFoundTitle = "Enlace no encontrado",
        NotFoundIntro = "Este enlace no es válido o ha caducado. Para dejar de recibir SMS, responda BAJA o STOP.",
        TooManyRequestsTitle = "Demasiadas solicitudes",
        TooManyRequestsIntro = "Vuelva a intentarlo dentro de un minuto.",
        BadRequestTitle = "Solicitud no válida",
        BadRequestIntro = "No se ha podido leer el formulario. Vuelva a abrir el enlace.",
        PrivacyPolicyLink = "Política de privacidad",
        ContactLink = "Contacto",
    };

    /// <summary>The built-in Italian texts (Lei).</summary>
    public static SmsOptOutPageTexts Italian { get; } = new()
    {
        Language = "it",
        UnsubscribeTitle = "Annulla l’iscrizione agli SMS di {0}",
        UnsubscribeIntro = "Non riceverà più SMS da {0} a questo numero:",
        UnsubscribeButton = "Annulla l’iscrizione",
        UnsubscribedTitle = "Iscrizione annullata",
        UnsubscribedIntro = "{0} non invierà più SMS a questo numero:",
        ResubscribeButton = "Ho cambiato idea",
        ResubscribedTitle = "Iscrizione riattivata",
        ResubscribedIntro = "{0} potrà di nuovo inviarLe SMS a questo numero:",
        NotFoundTitle = "Link non trovato",
        NotFoundIntro = "Questo link non è valido o è scaduto. Per non ricevere più SMS, risponda BASTA o STOP.",
        TooManyRequestsTitle = "Troppe richieste",
        TooManyRequestsIntro = "Riprovi tra un minuto.",
        BadRequestTitle = "Richiesta non valida",
        BadRequestIntro = "Non è stato possibile leggere il modulo. Riapra il link.",
        PrivacyPolicyLink = "Informativa sulla privacy",
        ContactLink = "Contatti",
    };

    /// <summary>The built-in Portuguese texts, written for Brazil (add <c>pt-PT</c> to <see cref="SmsOptOutEndpointOptions.LocalizedTexts"/> for Portugal).</summary>
    public static SmsOptOutPageTexts Portuguese { get; } = new()
    {
        Language = "pt-BR",
        UnsubscribeTitle = "Cancelar o recebimento de SMS de {0}",
        UnsubscribeIntro = "Você não receberá mais SMS de {0} neste número:",
        UnsubscribeButton = "Cancelar inscrição",
        UnsubscribedTitle = "Inscrição cancelada",
        UnsubscribedIntro = "{0} não enviará mais SMS para este número:",
        ResubscribeButton = "Mudei de ideia",
        ResubscribedTitle = "Inscrição reativada",
        ResubscribedIntro = "{0} poderá voltar a enviar SMS para este número:",
        NotFoundTitle = "Link não encontrado",
        NotFoundIntro = "Este link não é válido ou expirou. Para não receber mais SMS, responda SAIR ou STOP.",
        TooManyRequestsTitle = "Muitas solicitações",
        TooManyRequestsIntro = "Tente novamente daqui a um minuto.",
        BadRequestTitle = "Solicitação inválida",
        BadRequestIntro = "Não foi possível ler o formulário. Abra o link novamente.",
        PrivacyPolicyLink = "Política de privacidade",
        ContactLink = "Contato",
    };

    /// <summary>The built-in Dutch texts (u).</summary>
    public static SmsOptOutPageTexts Dutch { get; } = new()
    {
        Language = "nl",
        UnsubscribeTitle = "Afmelden voor sms’jes van {0}",
        UnsubscribeIntro = "U ontvangt dan geen sms’jes meer van {0} op dit nummer:",
        UnsubscribeButton = "Afmelden",
        UnsubscribedTitle = "U bent afgemeld",
        UnsubscribedIntro = "{0} stuurt geen sms’jes meer naar dit nummer:",
        ResubscribeButton = "Ik heb me bedacht",
        ResubscribedTitle = "U bent weer aangemeld",
        ResubscribedIntro = "{0} mag weer sms’jes naar dit nummer sturen:",
        NotFoundTitle = "Link niet gevonden",
        NotFoundIntro = "Deze link is ongeldig of verlopen. Antwoord STOP om geen sms’jes meer te ontvangen.",
        TooManyRequestsTitle = "Te veel verzoeken",
        TooManyRequestsIntro = "Probeer het over een minuut opnieuw.",
        BadRequestTitle = "Ongeldig verzoek",
        BadRequestIntro = "Het formulier kon niet worden gelezen. Open de link opnieuw.",
        PrivacyPolicyLink = "Privacyverklaring",
        ContactLink = "Contact",
    };

    /// <summary>The built-in Polish texts.</summary>
    public static SmsOptOutPageTexts Polish { get; } = new()
    {
        Language = "pl",
        UnsubscribeTitle = "Rezygnacja z SMS-ów od {0}",
        UnsubscribeIntro = "Na ten numer nie będą już przychodzić SMS-y od {0}:",
        UnsubscribeButton = "Wypisz mnie",
        UnsubscribedTitle = "Rezygnacja przyjęta",
        UnsubscribedIntro = "{0} nie będzie już wysyłać SMS-ów na ten numer:",
        ResubscribeButton = "Zmieniam zdanie",
        ResubscribedTitle = "Subskrypcja przywrócona",
        ResubscribedIntro = "{0} może znów wysyłać SMS-y na ten numer:",
        NotFoundTitle = "Nie znaleziono linku",
        NotFoundIntro = "Ten link jest nieprawidłowy lub wygasł. Aby nie otrzymywać więcej SMS-ów, odpowiedz STOP.",
        TooManyRequestsTitle = "Zbyt wiele prób",
        TooManyRequestsIntro = "Spróbuj ponownie za minutę.",
        BadRequestTitle = "Nieprawidłowe żądanie",
        BadRequestIntro = "Nie udało się odczytać formularza. Otwórz link ponownie.",
        PrivacyPolicyLink = "Polityka prywatności",
        ContactLink = "Kontakt",
    };

    /// <summary>The built-in Russian texts (Вы).</summary>
    public static SmsOptOutPageTexts Russian { get; } = new()
    {
        Language = "ru",
        UnsubscribeTitle = "Отписка от SMS-рассылки {0}",
        UnsubscribeIntro = "Вы больше не будете получать SMS от {0} на этот номер:",
        UnsubscribeButton = "Отписаться",
        UnsubscribedTitle = "Вы отписались",
        UnsubscribedIntro = "{0} больше не будет отправлять SMS на этот номер:",
        ResubscribeButton = "Отменить отписку",
        ResubscribedTitle = "Подписка восстановлена",
        ResubscribedIntro = "{0} снова может отправлять SMS на этот номер:",
        NotFoundTitle = "Ссылка не найдена",
        NotFoundIntro = "Эта ссылка недействительна или срок её действия истёк. Чтобы больше не получать SMS, ответьте СТОП.",
        TooManyRequestsTitle = "Слишком много запросов",
        TooManyRequestsIntro = "Повторите попытку через минуту.",
        BadRequestTitle = "Некорректный запрос",
        BadRequestIntro = "Не удалось прочитать форму. Откройте ссылку ещё раз.",
        PrivacyPolicyLink = "Политика конфиденциальности",
        ContactLink = "Контакты",
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

    /// <summary>The link to the account's privacy policy (shown when the account's brand gives one).</summary>
    public string PrivacyPolicyLink { get; init; } = "Privacy policy";

    /// <summary>The link to the account's contact page (shown when the account's brand gives one).</summary>
    public string ContactLink { get; init; } = "Contact";
}
