namespace SmsOptOut.Tool.Cli;

/// <summary>The exit codes scripts can rely on (docs/operations.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; <c>check</c>: the number may be messaged.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found something to act on: <c>check</c>: the number is suppressed; <c>import</c>: rows were refused; <c>doctor</c>: a problem; <c>webhooks test</c>: the endpoint failed; <c>verify</c>, <c>consistency</c>: the consent log diverged; <c>certificate</c>: refused, the account's log does not verify.</summary>
    public const int Attention = 1;

    /// <summary>The command line or an input file is wrong; nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>The storage could not be reached or used (connection, permissions, a newer schema).</summary>
    public const int StorageUnavailable = 3;

    /// <summary>An error the tool did not expect (a bug): reported in one line; please report it with that line.</summary>
    public const int Unexpected = 70;

    /// <summary>Interrupted (Ctrl+C); what was applied stays applied, and running the command again completes it.</summary>
    public const int Interrupted = 130;
}
