namespace SmsOptOut.AspNetCore;

/// <summary>
/// The words of the opt-out landing pages. Every text is HTML-encoded when written; <c>{0}</c> in a text is replaced
/// by the account's display name (and <c>{1}</c>, where a text says so, by a date or the names of lists). Add a translation to <see cref="SmsOptOutEndpointOptions.LocalizedTexts"/>.
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
        PreferencesTitle = "Vos SMS de {0}",
        PreferencesIntro = "Désabonnez-vous de tout en un geste, ou choisissez ce que vous gardez. Ce numéro :",
        UnsubscribeAllButton = "Me désabonner de tout",
        LeaveListsLegend = "Ou ne quitter que certaines listes",
        LeaveListsButton = "Quitter les listes cochées",
        PauseLegend = "Ou suspendre tous les SMS de {0}",
        PauseUntilOption = "Jusqu’au {1}",
        PauseButton = "Suspendre les SMS",
        ChoicesSavedTitle = "Vos choix sont enregistrés",
        ListsLeftIntro = "Vous ne recevrez plus ces SMS de {0} : {1}. Ce numéro :",
        PausedIntro = "{0} ne vous enverra aucun SMS jusqu’au {1}. Ce numéro :",
        NothingSelectedIntro = "Cochez au moins une liste à quitter. Rien n’a été modifié. Ce numéro :",
        DateFormat = "d MMMM yyyy",
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
        PreferencesTitle = "Ihre SMS von {0}",
        PreferencesIntro = "Bestellen Sie mit einem Fingertipp alles ab oder wählen Sie, was Sie behalten möchten. Diese Nummer:",
        UnsubscribeAllButton = "Alles abbestellen",
        LeaveListsLegend = "Oder nur einzelne Listen abbestellen",
        LeaveListsButton = "Ausgewählte Listen abbestellen",
        PauseLegend = "Oder alle SMS von {0} pausieren",
        PauseUntilOption = "Bis zum {1}",
        PauseButton = "SMS pausieren",
        ChoicesSavedTitle = "Ihre Auswahl ist gespeichert",
        ListsLeftIntro = "Diese SMS von {0} erhalten Sie nicht mehr: {1}. Diese Nummer:",
        PausedIntro = "{0} sendet Ihnen bis zum {1} keine SMS. Diese Nummer:",
        NothingSelectedIntro = "Wählen Sie mindestens eine Liste aus. Es wurde nichts geändert. Diese Nummer:",
        DateFormat = "d. MMMM yyyy",
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
        PreferencesTitle = "Sus SMS de {0}",
        PreferencesIntro = "Dese de baja de todo con un toque o elija qué quiere seguir recibiendo. Este número:",
        UnsubscribeAllButton = "Darme de baja de todo",
        LeaveListsLegend = "O salir solo de algunas listas",
        LeaveListsButton = "Salir de las listas marcadas",
        PauseLegend = "O pausar todos los SMS de {0}",
        PauseUntilOption = "Hasta el {1}",
        PauseButton = "Pausar los SMS",
        ChoicesSavedTitle = "Sus preferencias se han guardado",
        ListsLeftIntro = "Ya no recibirá estos SMS de {0}: {1}. Este número:",
        PausedIntro = "{0} no le enviará SMS hasta el {1}. Este número:",
        NothingSelectedIntro = "Marque al menos una lista. No se ha cambiado nada. Este número:",
        DateFormat = "d 'de' MMMM 'de' yyyy",
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
        PreferencesTitle = "I Suoi SMS da {0}",
        PreferencesIntro = "Annulli l’iscrizione a tutto con un tocco o scelga cosa continuare a ricevere. Questo numero:",
        UnsubscribeAllButton = "Annulla l’iscrizione a tutto",
        LeaveListsLegend = "Oppure esca solo da alcune liste",
        LeaveListsButton = "Esci dalle liste selezionate",
        PauseLegend = "Oppure sospenda tutti gli SMS di {0}",
        PauseUntilOption = "Fino a {1}",
        PauseButton = "Sospendi gli SMS",
        ChoicesSavedTitle = "Le Sue scelte sono state salvate",
        ListsLeftIntro = "Non riceverà più questi SMS da {0}: {1}. Questo numero:",
        PausedIntro = "{0} non Le invierà SMS fino a {1}. Questo numero:",
        NothingSelectedIntro = "Selezioni almeno una lista. Non è stato modificato nulla. Questo numero:",
        DateFormat = "dddd d MMMM yyyy",
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
        PreferencesTitle = "Seus SMS de {0}",
        PreferencesIntro = "Cancele tudo com um toque ou escolha o que deseja continuar recebendo. Este número:",
        UnsubscribeAllButton = "Cancelar tudo",
        LeaveListsLegend = "Ou sair só de algumas listas",
        LeaveListsButton = "Sair das listas marcadas",
        PauseLegend = "Ou pausar todos os SMS de {0}",
        PauseUntilOption = "Até {1}",
        PauseButton = "Pausar os SMS",
        ChoicesSavedTitle = "Suas escolhas foram salvas",
        ListsLeftIntro = "Você não receberá mais estes SMS de {0}: {1}. Este número:",
        PausedIntro = "{0} não enviará SMS até {1}. Este número:",
        NothingSelectedIntro = "Marque pelo menos uma lista. Nada foi alterado. Este número:",
        DateFormat = "d 'de' MMMM 'de' yyyy",
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
        PreferencesTitle = "Uw sms’jes van {0}",
        PreferencesIntro = "Meld u met één tik voor alles af, of kies wat u wilt blijven ontvangen. Dit nummer:",
        UnsubscribeAllButton = "Voor alles afmelden",
        LeaveListsLegend = "Of meld u alleen af voor bepaalde lijsten",
        LeaveListsButton = "Afmelden voor de geselecteerde lijsten",
        PauseLegend = "Of pauzeer alle sms’jes van {0}",
        PauseUntilOption = "Tot {1}",
        PauseButton = "Sms’jes pauzeren",
        ChoicesSavedTitle = "Uw keuzes zijn opgeslagen",
        ListsLeftIntro = "U ontvangt deze sms’jes van {0} niet meer: {1}. Dit nummer:",
        PausedIntro = "{0} stuurt u tot {1} geen sms’jes. Dit nummer:",
        NothingSelectedIntro = "Selecteer ten minste één lijst. Er is niets gewijzigd. Dit nummer:",
        DateFormat = "d MMMM yyyy",
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
        PreferencesTitle = "Twoje SMS-y od {0}",
        PreferencesIntro = "Wypisz się ze wszystkiego jednym dotknięciem albo wybierz, co chcesz dalej otrzymywać. Ten numer:",
        UnsubscribeAllButton = "Wypisz mnie ze wszystkiego",
        LeaveListsLegend = "Albo wypisz się tylko z wybranych list",
        LeaveListsButton = "Wypisz mnie z zaznaczonych list",
        PauseLegend = "Albo wstrzymaj wszystkie SMS-y od {0}",
        PauseUntilOption = "Do {1}",
        PauseButton = "Wstrzymaj SMS-y",
        ChoicesSavedTitle = "Twój wybór został zapisany",
        ListsLeftIntro = "Nie będziesz już otrzymywać tych SMS-ów od {0}: {1}. Ten numer:",
        PausedIntro = "{0} nie wyśle Ci żadnego SMS-a do {1}. Ten numer:",
        NothingSelectedIntro = "Zaznacz co najmniej jedną listę. Nic nie zostało zmienione. Ten numer:",
        DateFormat = "d MMMM yyyy",
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
        PreferencesTitle = "Ваши SMS от {0}",
        PreferencesIntro = "Отпишитесь от всего одним нажатием или выберите, что хотите получать и дальше. Этот номер:",
        UnsubscribeAllButton = "Отписаться от всего",
        LeaveListsLegend = "Или отписаться только от некоторых рассылок",
        LeaveListsButton = "Отписаться от отмеченных рассылок",
        PauseLegend = "Или приостановить все SMS от {0}",
        PauseUntilOption = "До {1}",
        PauseButton = "Приостановить SMS",
        ChoicesSavedTitle = "Ваш выбор сохранён",
        ListsLeftIntro = "Вы больше не будете получать эти SMS от {0}: {1}. Этот номер:",
        PausedIntro = "{0} не будет присылать Вам SMS до {1}. Этот номер:",
        NothingSelectedIntro = "Отметьте хотя бы одну рассылку. Ничего не изменено. Этот номер:",
        DateFormat = "d MMMM yyyy 'г.'",
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

    /// <summary>Heading of the preference center (GET, when the account has one).</summary>
    public string PreferencesTitle { get; init; } = "Your text messages from {0}";

    /// <summary>Text above the masked number in the preference center.</summary>
    public string PreferencesIntro { get; init; } = "Unsubscribe from everything with one tap, or choose what to keep. This number:";

    /// <summary>The preference center's first and largest button: opts out of every message of the account, in one tap.</summary>
    public string UnsubscribeAllButton { get; init; } = "Unsubscribe from everything";

    /// <summary>Legend of the lists the recipient may leave one by one.</summary>
    public string LeaveListsLegend { get; init; } = "Or leave only some lists";

    /// <summary>The button that leaves the lists checked.</summary>
    public string LeaveListsButton { get; init; } = "Leave the selected lists";

    /// <summary>Legend of the pause periods (<c>{0}</c>: the account's name).</summary>
    public string PauseLegend { get; init; } = "Or pause every message from {0}";

    /// <summary>One pause period: <c>{1}</c> is the date the pause ends, written with <see cref="DateFormat"/>.</summary>
    public string PauseUntilOption { get; init; } = "Until {1}";

    /// <summary>The button that pauses every message until the chosen date.</summary>
    public string PauseButton { get; init; } = "Pause messages";

    /// <summary>Heading after leaving lists or pausing.</summary>
    public string ChoicesSavedTitle { get; init; } = "Your choices are saved";

    /// <summary>Text after leaving lists: <c>{1}</c> is the names of the lists left.</summary>
    public string ListsLeftIntro { get; init; } = "You will no longer receive these messages from {0}: {1}. This number:";

    /// <summary>Text after pausing: <c>{1}</c> is the date the pause ends.</summary>
    public string PausedIntro { get; init; } = "{0} will send you no text messages until {1}. This number:";

    /// <summary>Text when the lists button was pressed with no list checked.</summary>
    public string NothingSelectedIntro { get; init; } = "Select at least one list to leave. Nothing was changed. This number:";

    /// <summary>How the pause's end date is written (a .NET custom date format in the page's language, such as <c>d MMMM yyyy</c>).</summary>
    public string DateFormat { get; init; } = "MMMM d, yyyy";
}
