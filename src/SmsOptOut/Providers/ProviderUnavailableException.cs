namespace SmsOptOut.Providers;

/// <summary>A provider's API could not be read now (refused credentials, unreachable, throttled, an answer it cannot parse).</summary>
public sealed class ProviderUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderUnavailableException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    /// <param name="message">What happened, naming the provider and never a secret.</param>
    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    /// <param name="message">What happened, naming the provider and never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
