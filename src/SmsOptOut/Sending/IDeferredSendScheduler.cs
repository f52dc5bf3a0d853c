namespace SmsOptOut.Sending;

/// <summary>
/// Sends held messages whose time has come (<see cref="SendingOptions.HoldDeferred"/>), each once however many instances
/// run it, re-checking every rule at that moment. A hosted service calls it every <see cref="SendingOptions.SchedulerInterval"/>;
/// call it yourself where no host runs (a scheduled job, a function).
/// </summary>
public interface IDeferredSendScheduler
{
    /// <summary>Claims the held messages due now and sends them as list sends of their original message, then deletes them.</summary>
    /// <param name="cancellationToken">Cancels the round; messages already claimed are finished.</param>
    /// <returns>How many messages were claimed.</returns>
    Task<int> ReleaseDueAsync(CancellationToken cancellationToken = default);
}
