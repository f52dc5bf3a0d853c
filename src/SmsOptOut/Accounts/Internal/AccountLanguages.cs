using System.Text.RegularExpressions;

namespace SmsOptOut.Accounts.Internal;

/// <summary>What an account's page languages must be: language tags, its default among the ones it allows.</summary>
internal static partial class AccountLanguages
{
    /// <summary>Adds a failure for each language that is not a tag, and for a default language the account does not allow.</summary>
    public static void Check(AccountSettings own, List<string> failures)
    {
        foreach (var tag in own.Languages.Prepend(own.Language).OfType<string>().Where(t => !Tag().IsMatch(t)).Distinct(StringComparer.Ordinal))
        {
            failures.Add($"Languages: '{tag}' is not a language tag; expected for example es, fr-CA or pt-BR.");
        }

        if (own.Language is { } language && own.Languages.Count > 0 && !own.Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Language: '{language}' is not one of the account's Languages ({string.Join(", ", own.Languages)}); its pages could never be shown in it.");
        }
    }

    /// <summary>A BCP 47 language tag as pages use them: a language, then subtags (script, region, variant).</summary>
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
