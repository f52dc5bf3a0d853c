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
        ["fr"] = new(["ARRET", "ARRÊT", "DESABONNER", "DÉSABONNER", "DESINSCRIRE", "DÉSINSCRIRE"], [], ["AIDE"], ["DÉSABONNEZ", "DÉSINSCRIVEZ"]),
        ["de"] = new(["STOPP", "ABMELDEN", "ABBESTELLEN"], [], ["HILFE"], ["ABMELDUNG", "AUFHÖREN"]),
        ["es"] = new(["ALTO", "BAJA", "PARAR", "CANCELAR"], [], ["AYUDA"], ["DAR DE BAJA", "DARME DE BAJA"]),
        ["it"] = new(["BASTA", "FERMA", "DISISCRIVIMI"], [], ["AIUTO"], ["CANCELLAMI", "DISISCRIVERMI"]),
        ["pt"] = new(["PARAR", "SAIR", "CANCELAR"], [], ["AJUDA"], ["DESCADASTRAR"]),
        ["nl"] = new(["STOPPEN", "AFMELDEN"], [], ["HULP"], ["UITSCHRIJVEN"]),
        ["pl"] = new(["ZATRZYMAJ", "REZYGNUJĘ", "WYPISZ"], [], ["POMOC"], ["WYPISZ MNIE"]),
        ["ru"] = new(["СТОП", "ОТПИСАТЬСЯ", "ОТПИСКА"], [], ["ПОМОЩЬ"], ["ОТПИШИТЕ"]),
    };

    /// <summary>Words that may open a lenient phrase: politeness and "I want to …".</summary>
    public static readonly string[] Leads =
    [
        "PLEASE", "PLS", "PLZ", "KINDLY", "JUST", "OK", "OKAY", "HI", "HELLO", "HEY", "I", "ID", "IM", "WOULD", "WANT", "WANNA", "TO",
        "LIKE", "CAN", "COULD", "YOU", "U", "WILL", "SO", "AND", "THEN", "NOW",
        "BITTE", "ICH", "MÖCHTE", "WILL", "SVP", "JE", "VEUX", "VOUDRAIS", "POR", "FAVOR", "QUIERO", "VOGLIO", "QUERO", "IK", "WIL",
        "PROSZĘ", "CHCĘ", "ПОЖАЛУЙСТА", "ХОЧУ",
    ];

    /// <summary>Words that may follow a keyword in a lenient phrase: who, what, politeness, urgency.</summary>
    public static readonly string[] Fillers =
    [
        "ME", "MY", "MINE", "US", "NUMBER", "PHONE", "TEXTING", "TEXTS", "TEXT", "TXT", "TXTS", "MESSAGING", "MESSAGES", "MESSAGE",
        "MSGS", "MSG", "SMS", "SENDING", "SEND", "CONTACTING", "CALLING", "THIS", "THESE", "THOSE", "IT", "THAT", "ALL", "NOW",
        "PLEASE", "PLS", "PLZ", "THANKS", "THANK", "THANKYOU", "YOU", "U", "THX", "TY", "FROM", "YOUR", "THE", "LIST", "LISTS",
        "TO", "AT", "ONCE", "IMMEDIATELY", "ASAP", "RIGHT", "AWAY", "SUBSCRIPTION", "SERVICE", "ANYMORE", "EVER", "AGAIN",
        "FOREVER", "SPAM", "SPAMMING", "OK", "OKAY", "PROMOTIONS", "MARKETING", "ADS", "ALERTS", "NOTIFICATIONS", "OFF",
        "MERCI", "SVP", "MOI", "TOUT", "MESSAGES", "BITTE", "DANKE", "MICH", "MIR", "ALLES", "NACHRICHTEN", "GRACIAS", "POR", "FAVOR",
        "MENSAJES", "TODO", "TODOS", "GRAZIE", "MI", "MESSAGGI", "TUTTO", "OBRIGADO", "OBRIGADA", "MENSAGENS", "TUDO", "DANK", "JE",
        "MIJ", "BERICHTEN", "ALLE", "DZIĘKUJĘ", "PROSZĘ", "MNIE", "WIADOMOŚCI", "СПАСИБО", "ПОЖАЛУЙСТА", "МЕНЯ", "СООБЩЕНИЯ", "ВСЕ",
    ];
}
