namespace SmsOptOut.Evidence.Internal;

/// <summary>Checks <see cref="EvidenceOptions"/>; each failure names the option and what was expected.</summary>
internal static class EvidenceOptionsValidator
{
    private const string Path = "SmsOptOutOptions.Evidence";

    public static void Validate(EvidenceOptions options, List<string> failures)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Span<byte> seed = stackalloc byte[33];
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            ValidateId(key?.Id, $"SigningKeys[{i}]", ids, failures);

            if (key is null || !Convert.TryFromBase64String(key.PrivateKey, seed, out var length) || length != 32)
            {
                failures.Add($"{Path}.SigningKeys[{i}].PrivateKey must be base64 of a 32-byte Ed25519 seed (openssl rand -base64 32).");
            }
        }

        Span<byte> publicKey = stackalloc byte[33];
        for (var i = 0; i < options.VerificationKeys.Count; i++)
        {
            var key = options.VerificationKeys[i];
            ValidateId(key?.Id, $"VerificationKeys[{i}]", ids, failures);

            if (key is null || !Convert.TryFromBase64String(key.PublicKey, publicKey, out var length) || length != 32)
            {
                failures.Add($"{Path}.VerificationKeys[{i}].PublicKey must be base64 of a 32-byte Ed25519 public key.");
            }
        }

        if (options.ActiveKeyId is { } active && !options.SigningKeys.Any(k => k?.Id == active))
        {
            failures.Add($"{Path}.ActiveKeyId '{active}' names no key of SigningKeys (a verification key cannot sign).");
        }

        if (options.ActiveKeyId is null && options.SigningKeys.Count > 1)
        {
            failures.Add($"{Path}.ActiveKeyId must name the key that signs when SigningKeys holds {options.SigningKeys.Count}.");
        }

        if (options.VerifyInterval is { } verify && (verify < TimeSpan.FromMinutes(1) || verify > TimeSpan.FromDays(30)))
        {
            failures.Add($"{Path}.VerifyInterval {verify} must be 1 minute to 30 days, or null for never.");
        }

        if (options.CheckpointInterval < TimeSpan.FromMinutes(1) || options.CheckpointInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Path}.CheckpointInterval {options.CheckpointInterval} must be 1 minute to 1 day.");
        }
    }

    /// <summary>A key's id: 1 to 64 letters, digits, '-' or '_', unique across both lists.</summary>
    private static void ValidateId(string? id, string key, HashSet<string> ids, List<string> failures)
    {
        if (id is null || id.Length is < 1 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || !ids.Add(id))
        {
            failures.Add($"{Path}.{key}.Id '{id}' must be 1 to 64 letters, digits, '-' or '_', unique across SigningKeys and VerificationKeys.");
        }
    }
}
