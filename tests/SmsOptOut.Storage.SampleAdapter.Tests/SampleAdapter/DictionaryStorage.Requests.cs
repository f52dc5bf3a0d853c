using SmsOptOut.Privacy;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Data-subject requests by reference, changed under the one lock; closed ones are kept.</summary>
internal sealed partial class DictionaryStorage
{
    private readonly Dictionary<string, DataSubjectRequestRecord> _requests = new(StringComparer.Ordinal);

    public Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequest(request);
        lock (_gate)
        {
            return Task.FromResult(_requests.TryAdd(request.Reference, request));
        }
    }

    public Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestReference(reference);
        lock (_gate)
        {
            return Task.FromResult(_requests.GetValueOrDefault(reference));
        }
    }

    public Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, reason);
        lock (_gate)
        {
            if (!_requests.TryGetValue(reference, out var request) || !request.IsOpen || request.ExtendedDueAt is not null)
            {
                return Task.FromResult(false);
            }

            _requests[reference] = request with { ExtendedDueAt = extendedDueAt, ExtensionReason = reason };
            return Task.FromResult(true);
        }
    }

    public Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateRequestChange(reference, resolution);
        lock (_gate)
        {
            if (!_requests.TryGetValue(reference, out var request) || !request.IsOpen)
            {
                return Task.FromResult(false);
            }

            _requests[reference] = request with { ClosedAt = closedAt, Resolution = resolution };
            return Task.FromResult(true);
        }
    }

    public IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Stream([.. _requests.Values.Where(r => r.IsOpen).OrderBy(r => r.Deadline).ThenBy(r => r.Reference, StringComparer.Ordinal)], cancellationToken);
        }
    }
}
