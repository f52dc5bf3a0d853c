namespace SmsOptOut.Messages;

/// <summary>Thrown when a message template has unknown or malformed placeholders; nothing is sent.</summary>
public sealed class MessageTemplateException : FormatException
{
    /// <summary>Creates the exception for the problems found in <paramref name="template"/>.</summary>
    /// <param name="template">The template text.</param>
    /// <param name="errors">Every problem found, in order.</param>
    public MessageTemplateException(string template, IReadOnlyList<MessageTemplateError> errors)
        : base(Describe(errors))
    {
        Template = template;
        Errors = errors;
    }

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>Every problem found, in order.</summary>
    public IReadOnlyList<MessageTemplateError> Errors { get; }

    private static string Describe(IReadOnlyList<MessageTemplateError> errors) =>
        "The message template is not valid: " + string.Join(" ", errors.Select(e => $"At position {e.Position}: {e.Message}"));
}
