namespace SmsOptOut.Email.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise (default).</summary>
    Auto = 0,

    /// <summary>STARTTLS, required: fails when the server does not offer it.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect = 2,

    /// <summary>No encryption: only for a relay on the same machine or a test server.</summary>
    None = 3,
}
