using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.InMemory;

/// <summary>The webhook outbox of the in-memory storage. Not durable.</summary>
internal sealed class InMemoryWebhookOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OutboxMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>Adds messages owed by an applied consent event.</summary>
    public void AddRange(IReadOnlyList<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var message in messages)
            {
                _messages.TryAdd(message.Id, message);
            }
        }
    }

    /// <summary>How many messages are kept, in any state.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }
}
