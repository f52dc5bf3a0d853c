using SmsOptOut.Keywords;

namespace SmsOptOut.Tests.Keywords;

/// <summary>
/// Real-world inbound messages with the class each mode must give: O = opt-out, I = opt-in, H = help, N = nothing.
/// The first letter is the strict answer, the second the lenient one.
/// </summary>
public static class KeywordCorpus
{
    private static readonly string LongChatter = string.Concat(Enumerable.Repeat("Thanks for the update about my order, see you soon. ", 31))[..1_600];

    public static readonly (string Text, string Expected)[] Messages =
    [
        // Carrier / FCC opt-out keywords, folded every way people type them.
        ("STOP", "OO"), ("stop", "OO"), ("Stop", "OO"), ("Stop.", "OO"), ("  stop!! ", "OO"), ("STOP!!!", "OO"),
        ("Stop 🛑", "OO"), ("🛑 STOP 🛑", "OO"), ("S T O P", "OO"), ("s.t.o.p", "OO"), ("Stooop", "OO"), ("STOPPPPP", "OO"),
        ("STOPALL", "OO"), ("stop all", "OO"), ("Stop All", "OO"), ("UNSUBSCRIBE", "OO"), ("unsubscribe.", "OO"), ("Unsub", "OO"),
        ("CANCEL", "OO"), ("cancel", "OO"), ("end", "OO"), ("END", "OO"), ("Quit", "OO"), ("REVOKE", "OO"), ("optout", "OO"),
        ("opt out", "OO"), ("Opt-Out", "OO"), ("OPT-OUT!", "OO"), ("ＳＴＯＰ", "OO"), ("ｓｔｏｐ", "OO"), ("Stop\n", "OO"),
        ("\"STOP\"", "OO"), ("(stop)", "OO"), ("stop\t", "OO"), ("...stop...", "OO"), ("unsubscribe 👍", "OO"), ("StOp", "OO"),
        // Other languages.
        ("ARRET", "OO"), ("Arrêt", "OO"), ("arrêt.", "OO"), ("DÉSABONNER", "OO"), ("desabonner", "OO"), ("désinscrire", "OO"),
        ("STOPP", "OO"), ("Stopp!", "OO"), ("abmelden", "OO"), ("Abbestellen", "OO"),
        ("ALTO", "OO"), ("baja", "OO"), ("Parar", "OO"), ("cancelar", "OO"),
        ("BASTA", "OO"), ("basta!", "OO"), ("ferma", "OO"),
        ("SAIR", "OO"), ("parar.", "OO"),
        ("STOPPEN", "OO"), ("afmelden", "OO"),
        ("ZATRZYMAJ", "OO"), ("zatrzymaj", "OO"), ("rezygnuję", "OO"),
        ("СТОП", "OO"), ("стоп", "OO"), ("Стоп!", "OO"), ("отписаться", "OO"),
        // Mixed scripts: look-alikes of other scripts (Unicode TR39 confusable skeleton) inside a Latin word, or a whole word of them.
        ("SТОP", "OO"), ("STОP", "OO"), ("ЅТOP", "OO"), ("STΟP", "OO"), ("ЅТОР", "OO"), ("ΣTOP", "NN"), ("ST0P", "OO"), ("QU1T", "OO"),
        ("ЅТОР please", "NO"), ("Please ЅТОР texting me", "NO"), ("unsubscribе", "OO"), ("CTOП", "OO"), ("YЕS", "II"),
        // ... but a letter is never changed on its own: Cyrillic С looks like Latin C, so this reads CTOP.
        ("СTOP", "NN"), ("Ѕtop by the store tomorrow", "NN"), ("СТО", "NN"), ("ТОР", "NN"),
        // Invisible characters inside a word: zero-width space and joiner, soft hyphen, word joiner, bidi marks, BOM.
        ("S\u200BTOP", "OO"), ("ST\u200DOP", "OO"), ("S\u00ADTOP", "OO"), ("S\u2060TOP", "OO"), ("\u200EStop\u200F", "OO"),
        ("\uFEFFstop", "OO"), ("\u202Estop\u202C", "OO"), ("Unsub\u200Bscribe", "OO"), ("СТ\u200BОП", "OO"), ("S\u0301TOP", "OO"),
        ("Don't s\u200Btop the deliveries", "NN"),
        // Reasonable phrasings: lenient only.
        ("Stop. Thank you", "NO"), ("Stop, thanks!", "NO"), ("please stop texting me", "NO"), ("Please stop texting me.", "NO"),
        ("unsubscribe me", "NO"), ("stop sending", "NO"), ("stop sending me messages", "NO"), ("STOP TEXTING ME!!!", "NO"),
        ("Stop it", "NO"), ("stop please", "NO"), ("Please stop", "NO"), ("pls stop", "NO"), ("Stop now", "NO"),
        ("Stop messaging me please", "NO"), ("I want to unsubscribe", "NO"), ("I would like to unsubscribe", "NO"),
        ("Can you stop texting me?", "NO"), ("Remove me from your list", "NO"), ("remove me from this list please", "NO"),
        ("Take me off your list", "NO"), ("Take me off the list", "NO"), ("opt me out", "NO"), ("No more texts", "NO"),
        ("No more messages please", "NO"), ("Do not text me", "NO"), ("Don't text me again", "NO"), ("Dont contact me", "NO"),
        ("Leave me alone", "NO"), ("Stop!!! 😡😡", "OO"), ("Unsubscribe me now please", "NO"), ("Cancel please", "NO"),
        ("Quit texting me", "NO"), ("STOP ALL MESSAGES", "NO"), ("stop all texts", "NO"), ("End this", "NO"),
        ("Stop. Who is this?", "NO"), ("Who is this? Stop.", "NO"), ("Wrong number, stop", "NO"), ("Stop spamming me", "NO"),
        ("Yes, stop", "NO"), ("Stop? Why?", "NO"), ("OK stop", "NO"), ("just stop", "NO"), ("Stop right now", "NO"),
        ("Arrêt svp", "NO"), ("Stop merci", "NO"), ("Desabonnez-moi", "NO"), ("Stopp bitte", "NO"), ("Bitte abmelden", "NO"),
        ("Baja por favor", "NO"), ("Por favor, baja", "NO"), ("Basta grazie", "NO"), ("Parar obrigado", "NO"),
        ("Стоп пожалуйста", "NO"), ("Пожалуйста, стоп", "NO"), (LongChatter[..1_594] + ". STOP", "NO"),
        // Conjugated "stop" and "no more" in the other languages: lenient only.
        ("Arrête de m'envoyer des messages", "NO"), ("Arrêtez les SMS svp", "NO"), ("Arrêtez de m'écrire", "NO"),
        ("Je veux me désabonner", "NO"), ("Ne m'envoyez plus de messages", "NO"), ("Hört auf mir zu schreiben", "NO"),
        ("Bitte keine SMS mehr", "NO"), ("Keine Werbung mehr", "NO"), ("Hör auf!", "NO"), ("Deja de enviarme mensajes", "NO"),
        ("No me envíen más mensajes", "NO"), ("No más mensajes, gracias", "NO"), ("Quiero darme de baja", "NO"),
        ("Smettetela di mandarmi messaggi", "NO"), ("Smettete di scrivermi", "NO"), ("Parem de me enviar mensagens", "NO"),
        ("Pare de mandar mensagens", "NO"), ("Stop met sms'jes sturen", "NO"), ("Geen berichten meer", "NO"),
        ("Ik wil me afmelden", "NO"), ("Przestańcie wysyłać mi wiadomości", "NO"), ("Nie wysyłajcie mi więcej wiadomości", "NO"),
        ("Хватит присылать мне сообщения", "NO"), ("Не присылайте мне больше смс", "NO"),
        // One opt-out keyword after another.
        ("STOP STOP STOP", "NO"), ("Stop unsubscribe", "NO"), ("Stopp bitte keine SMS mehr", "NO"), ("Stop. STOP!! stop", "NO"),
        ("Take me off your mailing list", "NO"), ("Stop it, stop texting me", "NO"),
        // Ordinary replies that merely contain the letters: never an opt-out.
        ("Don't stop the deliveries", "NN"), ("Can I change my order before it ships? Stop by tomorrow?", "NN"),
        ("Stop by the store tomorrow", "NN"), ("Where do I stop to pick it up?", "NN"), ("I can't stop laughing 😂", "NN"),
        ("Nonstop", "NN"), ("STOPS", "NN"), ("Stopwatch", "NN"), ("Bus stop on Main St", "NN"), ("The end of the month works", "NN"),
        ("Cancel my order", "NN"), ("Can I cancel my appointment?", "NN"), ("Quite nice", "NN"), ("Please end the call", "NN"),
        ("Thanks!", "NN"), ("Ok", "NN"), ("Hello", "NN"), ("Who is this?", "NN"), ("What time do you open?", "NN"),
        ("Sounds good, see you then", "NN"), ("I said don't stop", "NN"), ("Never stop", "NN"), ("Don't unsubscribe me", "NN"),
        ("Non-stop service", "NN"), ("Stop sign", "NN"), ("stop the count", "NN"), ("Alto volume", "NN"), ("Baja California trip", "NN"),
        ("Stoppage", "NN"), ("Y", "NN"), ("N", "NN"), ("Stop help", "NN"), ("Unstoppable", "NN"), ("backstop", "NN"),
        ("Do you ship to Quito?", "NN"), ("Endless summer", "NN"), ("The sale ends Sunday?", "NN"), ("Remove the blue one from my cart", "NN"),
        ("No more than two please", "NN"), ("Leave it at the door", "NN"),
        ("Arrêtez-vous chez nous demain", "NN"), ("Arrête de rire", "NN"), ("Ich höre auf zu arbeiten", "NN"),
        ("Keine Ahnung mehr", "NN"), ("Deja de llover", "NN"), ("Deja de enviarme la factura", "NN"), ("Smetti di ridere", "NN"),
        ("Pare na esquina", "NN"), ("Geen probleem", "NN"), ("Przestań się śmiać", "NN"), ("Хватит на всех?", "NN"),
        ("No me envíen el paquete todavía", "NN"), ("Hör auf zu lachen", "NN"), ("Help stop", "NN"), ("Stop stop the press", "NN"),
        // Empty, symbols only, emoji only, very long.
        ("", "NN"), ("   ", "NN"), ("!!!", "NN"), ("👍", "NN"), ("🛑", "NN"), ("...", "NN"), ("\n\n", "NN"),
        (LongChatter, "NN"), (new string('x', 1_600), "NN"), (string.Concat(Enumerable.Repeat("stop ", 320)), "NN"),
        // Opt-in: always the whole message.
        ("Yes", "II"), ("YES!", "II"), ("start", "II"), ("Start.", "II"), ("UNSTOP", "II"), ("resume", "II"), ("Ｓｔａｒｔ", "II"),
        ("Start the meeting", "NN"), ("Yes I'll be there", "NN"), ("yes please", "NN"), ("Resume shipping please", "NN"),
        // Help.
        ("HELP", "HH"), ("help", "HH"), ("Help!", "HH"), ("INFO", "HH"), ("info?", "HH"), ("Hilfe", "HH"), ("AIDE", "HH"),
        ("ayuda", "HH"), ("aiuto", "HH"), ("ajuda", "HH"), ("hulp", "HH"), ("pomoc", "HH"), ("помощь", "HH"),
        ("help please", "NH"), ("Can you help me?", "NH"), ("Help me", "NH"), ("info please", "NH"), ("I need help", "NN"),
        ("More info", "NN"), ("Help! Stop!", "NO"),
    ];

    public static KeywordClass ClassOf(char code) => code switch
    {
        'O' => KeywordClass.OptOut,
        'I' => KeywordClass.OptIn,
        'H' => KeywordClass.Help,
        _ => KeywordClass.None,
    };
}
