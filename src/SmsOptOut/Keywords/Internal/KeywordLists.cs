namespace SmsOptOut.Keywords.Internal;

/// <summary>The built-in keywords, by language, and the words lenient matching allows around them.</summary>
internal static class KeywordLists
{
    public sealed record Language(string[] OptOut, string[] OptIn, string[] Help, string[] LenientOptOut);

    /// <summary>Carrier and FCC keywords (English) and the words people use in other languages.</summary>
    public static readonly IReadOnlyDictionary<string, Language> Languages = new Dictionary<string, Language>(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(
            ["STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "UNSUB", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT", "OPT-OUT"],
            ["START", "UNSTOP", "YES", "RESUME"],
            ["HELP", "INFO"],
            ["REMOVE", "TAKE ME OFF", "OPT ME OUT", "NO MORE", "DO NOT TEXT", "DON'T TEXT", "DO NOT CONTACT", "DON'T CONTACT",
             "DO NOT MESSAGE", "DON'T MESSAGE", "LEAVE ME ALONE", "UNSUBSCRIBE ME"]),
        ["fr"] = new(["ARRET", "ARRÊT", "DESABONNER", "DÉSABONNER", "DESINSCRIRE", "DÉSINSCRIRE"], [], ["AIDE"],
            ["DÉSABONNEZ", "DÉSINSCRIVEZ", "ARRÊTE", "ARRÊTEZ", "STOPPEZ", "NE M'ENVOYEZ PLUS", "NE M'ÉCRIVEZ PLUS"]),
        ["de"] = new(["STOPP", "ABMELDEN", "ABBESTELLEN"], [], ["HILFE"],
            ["ABMELDUNG", "AUFHÖREN", "HÖR AUF", "HÖRT AUF", "HÖREN SIE AUF", "KEINE SMS MEHR", "KEINE NACHRICHTEN MEHR", "KEINE WERBUNG MEHR"]),
        ["es"] = new(["ALTO", "BAJA", "PARAR", "CANCELAR"], [], ["AYUDA"],
            ["DAR DE BAJA", "DARME DE BAJA", "DEJA DE ENVIARME", "DEJEN DE ENVIARME", "DEJA DE ESCRIBIRME", "DEJEN DE ESCRIBIRME",
             "NO ME ENVÍEN", "NO ME ESCRIBAN", "NO MÁS MENSAJES", "NO MÁS SMS"]),
        ["it"] = new(["BASTA", "FERMA", "DISISCRIVIMI"], [], ["AIUTO"],
            ["CANCELLAMI", "DISISCRIVERMI", "SMETTI", "SMETTILA", "SMETTETE", "SMETTETELA", "NON SCRIVETEMI PIÙ", "NON MANDATEMI PIÙ"]),
        ["pt"] = new(["PARAR", "SAIR", "CANCELAR"], [], ["AJUDA"], ["DESCADASTRAR", "PARE", "PAREM"]),
        ["nl"] = new(["STOPPEN", "AFMELDEN"], [], ["HULP"], ["UITSCHRIJVEN", "GEEN BERICHTEN MEER", "GEEN SMS MEER", "GEEN SMS'JES MEER"]),
        ["pl"] = new(["ZATRZYMAJ", "REZYGNUJĘ", "WYPISZ"], [], ["POMOC"], ["WYPISZ MNIE", "PRZESTAŃ", "PRZESTAŃCIE", "NIE WYSYŁAJCIE", "NIE PISZCIE"]),
        ["ru"] = new(["СТОП", "ОТПИСАТЬСЯ", "ОТПИСКА"], [], ["ПОМОЩЬ"], ["ОТПИШИТЕ", "ХВАТИТ", "ПРЕКРАТИТЕ", "НЕ ПРИСЫЛАЙТЕ", "НЕ ПИШИТЕ"]),
    };

    /// <summary>Words that may open a lenient phrase: politeness and "I want to …".</summary>
    public static readonly string[] Leads =
    [
        "PLEASE", "PLS", "PLZ", "KINDLY", "JUST", "OK", "OKAY", "HI", "HELLO", "HEY", "I", "ID", "IM", "WOULD", "WANT", "WANNA", "TO",
        "LIKE", "CAN", "COULD", "YOU", "U", "WILL", "SO", "AND", "THEN", "NOW",
        "BITTE", "ICH", "MÖCHTE", "WILL", "SVP", "JE", "VEUX", "VOUDRAIS", "POR", "FAVOR", "QUIERO", "VOGLIO", "QUERO", "IK", "WIL",
        "PROSZĘ", "CHCĘ", "ПОЖАЛУЙСТА", "ХОЧУ", "ME",
    ];

    /// <summary>Words that may follow a keyword in a lenient phrase: who, what, politeness, urgency.</summary>
    public static readonly string[] Fillers =
    [
        "ME", "MY", "MINE", "US", "NUMBER", "PHONE", "TEXTING", "TEXTS", "TEXT", "TXT", "TXTS", "MESSAGING", "MESSAGES", "MESSAGE",
        "MSGS", "MSG", "SMS", "SENDING", "SEND", "CONTACTING", "CALLING", "THIS", "THESE", "THOSE", "IT", "THAT", "ALL", "NOW",
        "PLEASE", "PLS", "PLZ", "THANKS", "THANK", "THANKYOU", "YOU", "U", "THX", "TY", "FROM", "YOUR", "THE", "LIST", "LISTS",
        "TO", "AT", "ONCE", "IMMEDIATELY", "MAILING", "ASAP", "RIGHT", "AWAY", "SUBSCRIPTION", "SERVICE", "ANYMORE", "EVER", "AGAIN",
        "FOREVER", "SPAM", "SPAMMING", "OK", "OKAY", "PROMOTIONS", "MARKETING", "ADS", "ALERTS", "NOTIFICATIONS", "OFF",
        "MERCI", "SVP", "MOI", "TOUT", "MESSAGES", "BITTE", "DANKE", "MICH", "MIR", "ALLES", "NACHRICHTEN", "GRACIAS", "POR", "FAVOR",
        "MENSAJES", "TODO", "TODOS", "GRAZIE", "MI", "MESSAGGI", "TUTTO", "OBRIGADO", "OBRIGADA", "MENSAGENS", "TUDO", "DANK", "JE",
        "MIJ", "BERICHTEN", "ALLE", "DZIĘKUJĘ", "PROSZĘ", "MNIE", "WIADOMOŚCI", "СПАСИБО", "ПОЖАЛУЙСТА", "МЕНЯ", "СООБЩЕНИЯ", "ВСЕ",
        // What follows a conjugated "stop" in the other languages: "arrête de m'envoyer des messages", "hört auf, mir zu
        // schreiben", "deja de enviarme mensajes", "smettete di scrivermi", "parem de me enviar mensagens", "stop met
        // sms'jes sturen", "przestańcie wysyłać mi wiadomości", "хватит присылать мне сообщения".
        "DE", "DES", "LES", "CES", "VOS", "PLUS", "M'ENVOYER", "M'ÉCRIRE", "ENVOYER", "TEXTOS", "PUB",
        "ZU", "SCHREIBEN", "SENDEN", "SCHICKEN", "MEHR", "UNS", "WERBUNG",
        "MÁS", "ESTOS", "PUBLICIDAD", "DI", "MANDARMI", "INVIARMI", "SCRIVERMI", "PIÙ", "PUBBLICITÀ",
        "ENVIAR", "MANDAR", "MAIS", "MET", "STUREN", "SMS'JES", "MEER", "RECLAME",
        "WYSYŁAĆ", "PISAĆ", "MI", "WIĘCEJ", "ПРИСЫЛАТЬ", "ПИСАТЬ", "МНЕ", "БОЛЬШЕ", "СМС", "РАССЫЛКУ",
    ];
}
