namespace SmsOptOut.Links;

/// <summary>Issues the per-recipient opt-out links that replace <c>{optout}</c> in list messages.</summary>
public interface IOptOutLinkGenerator
{
    /// <summary>Issues one link.</summary>
    /// <param name="target">Who the link belongs to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The link.</returns>
    Task<OptOutLink> CreateAsync(OptOutLinkTarget target, CancellationToken cancellationToken = default);

    /// <summary>Issues links for a batch of recipients in one store round trip (stored mode) or none (stateless mode).</summary>
    /// <param name="targets">The recipients.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One link per target, in the same order.</returns>
    Task<IReadOnlyList<OptOutLink>> CreateManyAsync(IReadOnlyList<OptOutLinkTarget> targets, CancellationToken cancellationToken = default);

    /// <summary>The length of the link <see cref="CreateAsync"/> would issue for <paramref name="target"/>, for segment counting.</summary>
    /// <param name="target">Who the link belongs to.</param>
    /// <returns>The number of characters of the full URL.</returns>
    int GetLinkLength(OptOutLinkTarget target);
}
