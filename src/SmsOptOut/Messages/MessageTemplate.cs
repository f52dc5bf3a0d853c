using System.Text;
using SmsOptOut.Internal;

namespace SmsOptOut.Messages;

/// <summary>
/// An SMS text with placeholders, checked once and rendered per recipient.
/// </summary>
/// <remarks>
/// <para>Syntax: <c>{optout}</c> (any letter case) becomes the recipient's opt-out link. <c>{{</c> and <c>}}</c> are a
/// literal <c>{</c> and <c>}</c>. Any other <c>{…}</c> — a typo such as <c>{optuot}</c> or the host's own placeholder left
/// unrendered — and any unclosed <c>{</c> or lone <c>}</c> is an error: the template is refused, never sent as text.</para>
/// </remarks>
public sealed class MessageTemplate
{
    /// <summary>The placeholder replaced by the opt-out link.</summary>
    public const string OptOutPlaceholder = "{optout}";

    private readonly string[] _parts;

    private MessageTemplate(string text, string[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Whether the template contains <c>{optout}</c>.</summary>
    public bool HasOptOutLink => _parts.Length > 1;

    /// <summary>How many times <c>{optout}</c> appears.</summary>
    public int OptOutLinkCount => _parts.Length - 1;

    /// <summary>The length of the rendered text without links.</summary>
    public int FixedLength { get; private set; }

    /// <summary>Reads a template.</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The template.</returns>
    /// <exception cref="MessageTemplateException">The text has unknown or malformed placeholders; the message lists each with its position.</exception>
    public static MessageTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var template, out var errors) ? template : throw new MessageTemplateException(text, errors);
    }

    /// <summary>Tries to read a template.</summary>
    /// <param name="text">The template text.</param>
    /// <param name="template">The template, when valid.</param>
    /// <param name="errors">Every problem found; empty when valid.</param>
    /// <returns>Whether the template is valid.</returns>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageTemplate? template, out IReadOnlyList<MessageTemplateError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<MessageTemplateError>();
        var parts = new List<string>();
        var current = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                current.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                current.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = text.IndexOfAny(['}', '{'], i + 1);
                if (close < 0 || text[close] == '{')
                {
                    found.Add(new MessageTemplateError(i, "'{' opens a placeholder that is never closed; write {optout}, or '{{' for a literal brace."));
                    current.Append(c);
                    continue;
                }

                var name = text.AsSpan(i + 1, close - i - 1);
                if (name.Equals("optout", StringComparison.OrdinalIgnoreCase))
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    found.Add(new MessageTemplateError(i, UnknownPlaceholder(name.ToString())));
                }

                i = close;
            }
            else if (c == '}')
            {
                found.Add(new MessageTemplateError(i, "'}' closes no placeholder; write '}}' for a literal brace."));
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        errors = found;
        if (found.Count > 0)
        {
            template = null;
            return false;
        }

        template = new MessageTemplate(text, [.. parts]) { FixedLength = parts.Sum(p => p.Length) };
        return true;
    }

    /// <summary>Renders the message for one list recipient.</summary>
    /// <param name="optOutUrl">The recipient's opt-out link.</param>
    /// <returns>The text to send.</returns>
    public string Render(string optOutUrl)
    {
        ArgumentNullException.ThrowIfNull(optOutUrl);
        if (_parts.Length == 1)
        {
            return _parts[0];
        }

        return string.Create(FixedLength + (OptOutLinkCount * optOutUrl.Length), (_parts, optOutUrl), static (span, state) =>
        {
            var (parts, url) = state;
            var position = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    url.AsSpan().CopyTo(span[position..]);
                    position += url.Length;
                }

                parts[i].AsSpan().CopyTo(span[position..]);
                position += parts[i].Length;
            }
        });
    }

    /// <summary>Renders the message for a single-number send, where there is no opt-out link.</summary>
    /// <returns>The text to send.</returns>
    /// <exception cref="OptOutLinkRequiresListException">The template contains <c>{optout}</c>.</exception>
    public string RenderWithoutLink() => HasOptOutLink ? throw new OptOutLinkRequiresListException() : _parts[0];

    /// <summary>
    /// Measures the message with <paramref name="exampleLink"/> rendered in place of every <c>{optout}</c>, and says
    /// whether the link added a segment compared with the same message without it.
    /// </summary>
    /// <param name="exampleLink">A link as the generator issues it (its length and characters are what count).</param>
    /// <returns>The measurement.</returns>
    public TemplateMeasurement Measure(string exampleLink)
    {
        ArgumentNullException.ThrowIfNull(exampleLink);
        var withLink = SmsSegmentCalculator.Calculate(Render(exampleLink));
        var withoutLink = SmsSegmentCalculator.Calculate(string.Concat(_parts));
        return new TemplateMeasurement(withLink, withoutLink);
    }

    /// <summary>Measures the message with a link of <paramref name="linkLength"/> GSM-7 characters in place of every <c>{optout}</c>.</summary>
    /// <param name="linkLength">The length of the opt-out link (see <c>IOptOutLinkGenerator.GetLinkLength</c>).</param>
    /// <returns>The measurement.</returns>
    public TemplateMeasurement Measure(int linkLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(linkLength);
        return Measure(new string('x', linkLength));
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string UnknownPlaceholder(string name)
    {
        var hint = LooksLikeOptOut(name) ? " Did you mean {optout}?" : string.Empty;
        return $"'{{{name}}}' is not a known placeholder; the only placeholder is {{optout}} (render your own placeholders first, and write '{{{{' and '}}}}' for literal braces).{hint}";
    }

    private static bool LooksLikeOptOut(string name)
    {
        var letters = new string(name.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return letters.Length is >= 4 and <= 9 && letters.Order().SequenceEqual("optout".Order()) || EditDistance.Between(letters, "optout") <= 2;
    }

}
