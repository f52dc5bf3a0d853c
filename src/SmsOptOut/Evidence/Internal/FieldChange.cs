namespace SmsOptOut.Evidence.Internal;

/// <summary>What an event's field check says of it (<see cref="ConsentFieldCheck.Locate"/>).</summary>
/// <param name="Agrees">The fields still give the check: what changed is not a field (the leaf), or the check was rewritten with it.</param>
/// <param name="Field">The one field that changed, by its name in a certificate's JSON (<see cref="ConsentLeaf.FieldNames"/>); <see langword="null"/> when several did, or the salt.</param>
internal readonly record struct FieldChange(bool Agrees, string? Field);
