using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>What one reconciliation run of one account at one provider found.</summary>
/// <param name="Account">The account.</param>
/// <param name="Provider">The provider's name.</param>
public sealed record ReconciliationResult(AccountId Account, string Provider)
{
    /// <summary>When the run finished (or stopped).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Everything up to this time the provider listed has been read; <see langword="null"/> before the first complete run.</summary>
    public DateTimeOffset? Through { get; init; }

    /// <summary>Opt-outs the provider listed in the run.</summary>
    public int Read { get; init; }

    /// <summary>Opt-outs SmsOptOut lacked, now recorded: each one a webhook that never arrived.</summary>
    public int Recorded { get; init; }

    /// <summary>Opt-outs SmsOptOut already had.</summary>
    public int AlreadySuppressed { get; init; }

    /// <summary>Opt-outs older than an opt-in recorded here since: left alone, so nobody is opted out again against their later consent.</summary>
    public int Superseded { get; init; }

    /// <summary>Whether the run read every page; <see langword="false"/> when it stopped (see <see cref="Error"/>) and will resume.</summary>
    public bool Completed { get; init; }

    /// <summary>Why the run stopped, when it did; never a secret.</summary>
    public string? Error { get; init; }
}
