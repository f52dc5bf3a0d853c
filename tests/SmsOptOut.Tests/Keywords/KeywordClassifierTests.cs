using SmsOptOut.Keywords;

namespace SmsOptOut.Tests.Keywords;

public class KeywordClassifierTests
{
    private static readonly KeywordClassifier Strict = KeywordClassifier.Create(new KeywordOptions { Matching = KeywordMatching.Strict });
    private static readonly KeywordClassifier Lenient = KeywordClassifier.Create(new KeywordOptions());

    [Fact]
    public void The_corpus_has_at_least_150_messages_in_every_class()
    {
        KeywordCorpus.Messages.Should().HaveCountGreaterThanOrEqualTo(150);
        KeywordCorpus.Messages.Select(m => m.Text).Should().OnlyHaveUniqueItems();
        foreach (var code in "OIHN")
        {
            KeywordCorpus.Messages.Should().Contain(m => m.Expected.Contains(code));
        }
    }

    [Fact]
    public void Every_corpus_message_gets_its_expected_class_in_both_modes()
    {
        var wrong = new List<string>();
        foreach (var (text, expected) in KeywordCorpus.Messages)
        {
            var strict = Strict.Classify(text).Class;
            var lenient = Lenient.Classify(text).Class;
            if (strict != KeywordCorpus.ClassOf(expected[0]))
            {
                wrong.Add($"strict  '{Shorten(text)}': expected {KeywordCorpus.ClassOf(expected[0])}, got {strict}");
            }

            if (lenient != KeywordCorpus.ClassOf(expected[1]))
            {
                wrong.Add($"lenient '{Shorten(text)}': expected {KeywordCorpus.ClassOf(expected[1])}, got {lenient}");
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public void A_match_names_the_folded_keyword_and_whether_it_was_the_whole_message()
    {
        Lenient.Classify("Arrêt!").Should().Be(new KeywordMatch(KeywordClass.OptOut, "ARET", IsWholeMessage: true));
        Lenient.Classify("please stop texting me").Should().Be(new KeywordMatch(KeywordClass.OptOut, "STOP", IsWholeMessage: false));
        Lenient.Classify("OPT-OUT").Keyword.Should().Be("OPT OUT");
        Strict.Classify("hi there").Should().Be(KeywordMatch.None);
    }

    [Fact]
    public void Keywords_can_be_added_removed_and_limited_to_languages_per_configuration()
    {
        var options = new KeywordOptions();
        options.OptOutKeywords.Add("Halt");
        options.HelpKeywords.Add("Hilfe bitte");
        options.RemovedKeywords.Add("YES");
        options.Languages.Clear();
        options.Languages.Add("en");
        var classifier = KeywordClassifier.Create(options);

        classifier.Classify("halt!").Class.Should().Be(KeywordClass.OptOut);
        classifier.Classify("please halt").Class.Should().Be(KeywordClass.OptOut);
        classifier.Classify("Yes").Class.Should().Be(KeywordClass.None, "YES was removed");
        classifier.Classify("ARRET").Class.Should().Be(KeywordClass.None, "French is not enabled");
        classifier.Classify("STOP").Class.Should().Be(KeywordClass.OptOut);
    }

    [Fact]
    public void A_keyword_configured_in_two_classes_is_refused()
    {
        var options = new KeywordOptions();
        options.OptInKeywords.Add("stop");

        FluentActions.Invoking(() => KeywordClassifier.Create(options))
            .Should().Throw<ArgumentException>().WithMessage("*STOP*both*");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
