namespace SmsOptOut.Keywords.Internal;

/// <summary>Checks keyword options; used at startup for the defaults and by hosts for per-account options.</summary>
internal static class KeywordOptionsValidator
{
    private const int MaxReplyLength = 640;

    public static void Validate(KeywordOptions options, string path, List<string> failures)
    {
        if (!Enum.IsDefined(options.Matching))
        {
            failures.Add($"{path}.Matching {(int)options.Matching} is not Strict or Lenient.");
        }

        if (!Enum.IsDefined(options.Scope))
        {
            failures.Add($"{path}.Scope {(int)options.Scope} is not Account or SendingNumber.");
        }

        foreach (var language in options.Languages)
        {
            if (!KeywordLists.Languages.ContainsKey(language))
            {
                failures.Add($"{path}.Languages: '{language}' has no built-in keywords; expected one of {string.Join(", ", KeywordOptions.BuiltInLanguages)}.");
            }
        }

        foreach (var (name, text) in ReplyTemplate.RepliesOf(options))
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxReplyLength)
            {
                failures.Add($"{path}.{name} must be 1 to {MaxReplyLength} characters.");
            }
            else if (ReplyTemplate.UnknownPlaceholders(text).ToList() is { Count: > 0 } unknown)
            {
                failures.Add($"{path}.{name} names {string.Join(", ", unknown)}; the placeholders of a reply are {ReplyTemplate.Brand} and {ReplyTemplate.Contact}.");
            }
        }

        if (options.ReplyWindow <= TimeSpan.Zero)
        {
            failures.Add($"{path}.ReplyWindow {options.ReplyWindow} must be positive, such as 5 minutes (within 5 minutes the FCC presumes an opt-out confirmation lawful; a presumption, not a limit).");
        }

        if (options.QuietPeriod < TimeSpan.Zero)
        {
            failures.Add($"{path}.QuietPeriod {options.QuietPeriod} must not be negative.");
        }

        ValidateDoubleOptIn(options, path, failures);
        try
        {
            KeywordClassifier.Create(options);
        }
        catch (ArgumentException e)
        {
            failures.Add($"{path}: {e.Message}");
        }
    }

    private static void ValidateDoubleOptIn(KeywordOptions options, string path, List<string> failures)
    {
        var doubleOptIn = options.DoubleOptIn;
        if (doubleOptIn.RequestLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{path}.DoubleOptIn.RequestLifetime {doubleOptIn.RequestLifetime} must be positive.");
        }

        if (doubleOptIn.ResendAfter < TimeSpan.Zero)
        {
            failures.Add($"{path}.DoubleOptIn.ResendAfter {doubleOptIn.ResendAfter} must not be negative.");
        }

        KeywordClassifier classifier;
        try
        {
            classifier = KeywordClassifier.Create(options);
        }
        catch (ArgumentException)
        {
            return; // reported below
        }

        foreach (var (name, words) in new[] { ("SignUpKeywords", doubleOptIn.SignUpKeywords), ("ConfirmationWords", doubleOptIn.ConfirmationWords) })
        {
            foreach (var word in words)
            {
                if (string.IsNullOrWhiteSpace(word) || KeywordNormalizer.NormalizeKeyword(word).Length == 0)
                {
                    failures.Add($"{path}.DoubleOptIn.{name}: '{word}' folds to nothing; expected a word of letters or digits.");
                }
                else if (classifier.Classify(word).Class is KeywordClass.OptOut or KeywordClass.Help)
                {
                    failures.Add($"{path}.DoubleOptIn.{name}: '{word}' is an opt-out or help keyword; a word cannot both stop and sign up.");
                }
            }
        }
    }
}
