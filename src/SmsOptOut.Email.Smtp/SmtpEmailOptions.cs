namespace SmsOptOut.Email.Smtp;

/// <summary>Options of the SMTP email sender.</summary>
public sealed class SmtpEmailOptions
{
    /// <summary>The SMTP server's host name. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The port. Default 587 (submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.Auto"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The user name, when the server requires authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address, for example <c>reports@example.com</c>. Required.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>The sender's display name. Default <c>SmsOptOut reports</c>.</summary>
    public string FromName { get; set; } = "SmsOptOut reports";

    /// <summary>How long one connection and send may take. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
