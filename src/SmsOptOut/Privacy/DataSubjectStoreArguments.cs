using SmsOptOut.Numbers;
using SmsOptOut.Storage;

namespace SmsOptOut.Privacy;

/// <summary>
/// The argument checks of <see cref="IDataSubjectStore"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class DataSubjectStoreArguments
{
    /// <summary>Checks the arguments of an erasure.</summary>
    /// <param name="number">The number.</param>
    /// <param name="pseudonym">Its pseudonym.</param>
    /// <param name="record">The audit record.</param>
    /// <exception cref="ArgumentException">The pseudonym lacks its top bit, or the record's account is default.</exception>
    public static void ValidateErasure(PhoneNumber number, Privacy.NumberPseudonym pseudonym, Privacy.ErasureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        StoreArguments.ValidateAccount(record.Account);
        if (number.Value == 0 || (pseudonym.Value & (1UL << 63)) == 0)
        {
            throw new ArgumentException("Expected a number and a pseudonym made by NumberPseudonyms (top bit set).", nameof(pseudonym));
        }
    }

    /// <summary>Checks a data-subject request before it is added: a reference, defined kind and law, a due date not before receipt, open and not extended.</summary>
    /// <param name="request">The request.</param>
    /// <exception cref="ArgumentException">It is not a new, well-formed request.</exception>
    public static void ValidateRequest(Privacy.DataSubjectRequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRequestReference(request.Reference);
        if (!Enum.IsDefined(request.Kind) || !Enum.IsDefined(request.Law) || request.DueAt < request.ReceivedAt || request.Account is { Value: null })
        {
            throw new ArgumentException($"Request '{request.Reference}' has an undefined kind or law, a default account, or a due date before its receipt.", nameof(request));
        }

        if (!request.IsOpen || request.ExtendedDueAt is not null || request.ExtensionReason is not null || request.Resolution is not null)
        {
            throw new ArgumentException($"Request '{request.Reference}' is added open and unextended; it changes through ExtendRequestAsync and CloseRequestAsync.", nameof(request));
        }
    }

    /// <summary>Checks a request's reference.</summary>
    /// <param name="reference">The reference.</param>
    /// <exception cref="ArgumentException">It is null or empty.</exception>
    public static void ValidateRequestReference(string reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            throw new ArgumentException("Expected a request reference; got an empty one.", nameof(reference));
        }
    }

    /// <summary>Checks an extension or a closing of a request: a reference and a text.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="text">The extension's reason or the resolution.</param>
    /// <exception cref="ArgumentException">Either is null or empty.</exception>
    public static void ValidateRequestChange(string reference, string text)
    {
        ValidateRequestReference(reference);
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException($"Expected the reason or resolution of request '{reference}'; got an empty one.", nameof(text));
        }
    }
}
