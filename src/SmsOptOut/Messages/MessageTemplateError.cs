namespace SmsOptOut.Messages;

/// <summary>One problem in a message template.</summary>
/// <param name="Position">Zero-based index of the character where the problem starts.</param>
/// <param name="Message">What is wrong and how to write it instead.</param>
public sealed record MessageTemplateError(int Position, string Message);
