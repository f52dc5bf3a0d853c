namespace SmsOptOut.Storage.ConformanceTests.Processes;

/// <summary>What a <see cref="StorageWorkerProcess"/> does over the adapter's storage. Numbers are indexes from +1 212 000 0000 up, in account <c>crash</c>.</summary>
public enum StorageWorkerCommand
{
    /// <summary>Arguments: first index. Opts numbers out one by one for ever, printing <c>ack &lt;index&gt;</c> after each.</summary>
    Write,

    /// <summary>
    /// Arguments: first index, count. Opts the range out with evidence, a link token and a reply record each, prints
    /// <c>seeded</c>, then erases the numbers one by one, printing <c>erased &lt;index&gt;</c> after each, and <c>done</c>.
    /// </summary>
    Erase,

    /// <summary>Arguments: callback URL, lease seconds. Runs the app's background services (the webhook dispatcher) until killed.</summary>
    Dispatch,

    /// <summary>
    /// Arguments: owner name, first index, count. Opts the range out (<c>applied &lt;index&gt; &lt;status&gt;</c>), then claims and
    /// delivers due outbox rows five at a time (<c>claim &lt;id&gt;</c>) until none is left, and prints <c>done</c>.
    /// </summary>
    Contend,
}
