using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Evidence;
using SmsOptOut.Internal;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Evidence;

/// <summary>
/// The tamper-evident consent log (docs/evidence.md): <c>verify</c> a certificate offline or an account's whole log,
/// sign a <c>checkpoint</c> to hand to a third party, and write an event's <c>certificate</c>.
/// </summary>
internal static class EvidenceCommands
{
    /// <summary>The title of the certificate page, as the dashboard's default (<c>SmsOptOutDashboardOptions.Title</c>).</summary>
    private const string Title = "SmsOptOut";

    public static Command Verify(GlobalOptions options)
    {
        var document = new Argument<FileInfo?>("file")
        {
            Description = "A consent certificate or a consistency proof (JSON) to verify offline; without it, the account's whole log is verified.", Arity = ArgumentArity.ZeroOrOne,
        };
        var keys = new Option<string[]>("--public-key") { Description = "A public key of the log, as <key id>=<base64 of the raw 32-byte Ed25519 public key> (the certificate's HTML page shows it); repeat for rotated keys.", AllowMultipleArgumentsPerToken = true };
        var held = new Option<FileInfo?>("--checkpoint") { Description = "With a consistency proof: the checkpoint you hold (JSON); the proof must start from exactly it." };
        var command = new Command("verify",
            "Verify a consent certificate or a consistency proof offline with the log's public keys (exit code 0: valid; 1: invalid, with what failed), or recompute an account's whole consent log against every checkpoint kept, with the keys of SmsOptOut:Evidence:SigningKeys or only their public keys in SmsOptOut:Evidence:VerificationKeys (exit code 1: the first divergence: which event, what, since when; 2: checkpoints kept but no key configured to check their signatures, an error and no DIVERGENCE).\n\n"
            + "Examples:\n  smsoptout verify certificate.json --public-key k1=uTY1…\n  smsoptout verify proof.json --checkpoint held.json --public-key k1=uTY1…\n  smsoptout verify --config appsettings.json --account acme [--json]")
        {
            document, keys, held,
        };
        command.SetAction((result, cancellationToken) => result.GetValue(document) is { } file
            ? VerifyDocumentAsync(file, result.GetValue(keys) ?? [], result.GetValue(held), cancellationToken)
            : CommandRunner.RunAsync(result, options, (r, context, ct) => VerifyLogAsync(context, r.GetValue(keys) is { Length: > 0 }, ct), cancellationToken));
        return command;
    }

    /// <summary>A certificate or a consistency proof, offline: no storage, only the files and the public keys.</summary>
    private static async Task<int> VerifyDocumentAsync(FileInfo file, string[] keys, FileInfo? heldFile, CancellationToken cancellationToken)
    {
        Dictionary<string, byte[]> publicKeys;
        ConsentCheckpoint? held = null;
        string json;
        try
        {
            publicKeys = PublicKeys(keys);
            if (publicKeys.Count == 0)
            {
                return CommandRunner.Fail(
                    "no public key given: pass --public-key <key id>=<base64 of the raw 32-byte Ed25519 public key> for the key that signed the checkpoint (the certificate's HTML page, smsoptout certificate <event-id> --html, shows it).",
                    ExitCodes.BadInput);
            }

            json = await ReadAsync(file, "file to verify", cancellationToken).ConfigureAwait(false);
            if (heldFile is not null)
            {
                held = ConsentCheckpoint.FromJson(await ReadAsync(heldFile, "--checkpoint", cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException or System.Text.Json.JsonException)
        {
            return CommandRunner.Fail(e.Message, ExitCodes.BadInput);
        }

        string verdict;
        bool valid;
        if (IsConsistencyProof(json))
        {
            var consistency = ConsentConsistencyVerifier.Verify(json, publicKeys, held);
            (valid, verdict) = (consistency.IsValid, consistency.IsValid
                ? string.Create(CultureInfo.InvariantCulture,
                    $"valid: the log {consistency.To!.Origin} only grew from {consistency.From!.TreeSize} events (signed {consistency.From.Time:yyyy-MM-dd HH:mm:ss} UTC) to {consistency.To.TreeSize} (signed {consistency.To.Time:yyyy-MM-dd HH:mm:ss} UTC by key {consistency.To.KeyId}); keep the newer checkpoint")
                : $"INVALID: {consistency.Failure}");
        }
        else
        {
            if (heldFile is not null)
            {
                return CommandRunner.Fail("--checkpoint goes with a consistency proof; this file is not one.", ExitCodes.BadInput);
            }

            var certificate = ConsentCertificateVerifier.Verify(json, publicKeys);
            (valid, verdict) = (certificate.IsValid, certificate.IsValid
                ? string.Create(CultureInfo.InvariantCulture,
                    $"valid: event {certificate.EventId} of account {certificate.Account} is leaf {certificate.LeafIndex} of the log of {certificate.Checkpoint!.TreeSize} events that key {certificate.Checkpoint.KeyId} signed at {certificate.Checkpoint.Time:yyyy-MM-dd HH:mm:ss} UTC")
                : $"INVALID: {certificate.Failure}");
        }

        await Console.Out.WriteLineAsync(verdict).ConfigureAwait(false);
        return valid ? ExitCodes.Ok : ExitCodes.Attention;
    }

    /// <summary>The --public-key options by key id; one id given twice with two keys is refused, not decided.</summary>
    private static Dictionary<string, byte[]> PublicKeys(string[] keys)
    {
        var byId = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in keys.Select(ParseKey))
        {
            if (byId.TryGetValue(id, out var given) && !given.AsSpan().SequenceEqual(key))
            {
                throw new FormatException($"--public-key '{id}' is given twice, with two different keys: give each key id once.");
            }

            byId[id] = key;
        }

        return byId;
    }

    /// <summary>Whether the document's <c>format</c> names a consistency proof (anything else is read as a certificate, which names what is wrong with it).</summary>
    private static bool IsConsistencyProof(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject document
                && document["format"] is System.Text.Json.Nodes.JsonValue format && format.TryGetValue<string>(out var name)
                && name.StartsWith("smsoptout-consistency-proof/", StringComparison.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static async Task<string> ReadAsync(FileInfo file, string what, CancellationToken cancellationToken) => file.Exists
        ? await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false)
        : throw new FileNotFoundException($"No {what} at '{file.FullName}'.");

    /// <summary>An account's whole log, through the configured storage.</summary>
    private static async Task<int> VerifyLogAsync(ToolContext context, bool publicKeysGiven, CancellationToken cancellationToken)
    {
        var id = await context.AccountAsync("verify", cancellationToken: cancellationToken).ConfigureAwait(false);
        var verification = await context.Services.GetRequiredService<IConsentEvidence>().VerifyAsync(id, cancellationToken).ConfigureAwait(false);

        // Checkpoints kept and no key to check their signatures: the tool was not given the keys, which says nothing about
        // the log. Not "intact" either: whoever rewrote the database could recompute the leaves and the roots, not sign them.
        // A divergence found without keys (an event against its leaf, the leaves against a root) is one all the same.
        if (verification is { Divergence: null, UncheckedSignatures: > 0 and var count, Checkpoint: { } signed })
        {
            var kept = count == 1 ? "a checkpoint" : string.Create(CultureInfo.InvariantCulture, $"{count} checkpoints");
            var signatures = count == 1 ? "its signature" : "their signatures";
            var publicKeys = publicKeysGiven ? "; --public-key is for a certificate or a proof file" : string.Empty;
            throw new ToolException(string.Create(CultureInfo.InvariantCulture,
                $"account {id}'s consent log keeps {kept} (the latest signed by key {signed.KeyId}) but no key to check {signatures} is configured: give the log's keys, old ones included, as SmsOptOut:Evidence:SigningKeys in --config (or SmsOptOut__Evidence__SigningKeys__0__Id and __PrivateKey in the environment), or only their public keys as SmsOptOut:Evidence:VerificationKeys (Id and PublicKey){publicKeys}. Not verified: its {verification.Checked} events match their leaves and the leaves the checkpoints' roots, but without the signatures that does not show the log was not rewritten."));
        }

        var output = context.Output;
        if (context.Json)
        {
            Json.Write(output, new VerifyAnswer(Json.Version, id.Value, verification.LogSize, verification.Checked, verification.Erased, verification.Erasures, verification.Checkpoints,
                verification.Checkpoint is { } latest ? new CheckpointEntry(latest.TreeSize, latest.KeyId, Spell.Instant(latest.Time)) : null,
                verification.Backfilled, Spell.Instant(verification.BackfilledAt), verification.IsIntact,
                verification.Divergence is { } d ? new DivergenceEntry(d.Index, d.EventId, Spell.Instant(d.RecordedAt), d.Field, d.Reason) : null));
            return verification.IsIntact ? ExitCodes.Ok : ExitCodes.Attention;
        }

        // The verification stops at the first divergence: the log's size is the whole log, the counts what came before it.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"account {id}: {verification.LogSize} events in the consent log{(verification.IsIntact ? "," : "; before the divergence,")} {verification.Checked} recomputed from their records, {verification.Erased} erased or minimized (their leaves kept){Erasures(verification.Erasures)}"));
        output.WriteLine(verification.Checkpoint is { } checkpoint
            ? string.Create(CultureInfo.InvariantCulture,
                $"  {verification.Checkpoints} checkpoints checked; the latest: {checkpoint.TreeSize} events, signed by key {checkpoint.KeyId} at {checkpoint.Time:yyyy-MM-dd HH:mm:ss} UTC")
            : "  no checkpoint signed yet: each event was checked against its own leaf only (run smsoptout checkpoint)");
        if (verification is { Backfilled: > 0, BackfilledAt: { } backfilledAt })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {verification.Backfilled} events were recorded before the log and added to it at {backfilledAt:yyyy-MM-dd HH:mm:ss} UTC: they are only as trustworthy as the database was then"));
        }

        if (verification.Divergence is { } divergence)
        {
            output.WriteLine(Describe(divergence));
            return ExitCodes.Attention;
        }

        output.WriteLine("intact");
        return ExitCodes.Ok;
    }

    /// <summary>The erasure records among the leaves, when there are any: ", 2 erasure records (leaves of the log)".</summary>
    private static string Erasures(long count) => count switch
    {
        0 => string.Empty,
        1 => ", 1 erasure record (a leaf of the log)",
        _ => string.Create(CultureInfo.InvariantCulture, $", {count} erasure records (leaves of the log)"),
    };

    /// <summary>A divergence as <c>verify</c> prints it: <c>DIVERGENCE:</c>, what differs, and when the event was recorded (the change came after).</summary>
    private static string Describe(ConsentLogDivergence divergence) =>
        $"DIVERGENCE: {divergence.Reason}"
        + (divergence.RecordedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $" (the event was recorded {at:yyyy-MM-dd HH:mm:ss} UTC; the change came after)") : string.Empty);

    public static Command Checkpoint(GlobalOptions options)
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the checkpoint's JSON to this file (to hand to a third party) instead of the console." };
        var command = new Command("checkpoint",
            "Sign a checkpoint of the account's consent log now (with SmsOptOut:Evidence:SigningKeys from --config) and print it as JSON, to hand to a third party; the latest one when the log has not grown.\n\n"
            + "Example:\n  smsoptout checkpoint --config appsettings.json --account acme --output acme-checkpoint.json")
        {
            output,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("checkpoint", cancellationToken: cancellationToken).ConfigureAwait(false);
            var checkpoint = await context.Services.GetRequiredService<IConsentEvidence>().CheckpointAsync(account, cancellationToken).ConfigureAwait(false);
            await WriteAsync(context, result.GetValue(output), checkpoint.ToJson(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
    }

    public static Command Certificate(GlobalOptions options)
    {
        var eventId = new Argument<string>("event-id") { Description = "The consent event's id (smsoptout history shows it)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the certificate to this file instead of the console." };
        var html = new Option<bool>("--html")
        {
            Description = "Write the certificate's HTML page instead of its JSON: the page the dashboard serves, one self-contained document (no script, no external resource) with the verification made now, how to verify offline and the exact JSON.",
        };
        var command = new Command("certificate",
            "Write the consent certificate of one event: the event with its evidence, its inclusion proof and a signed checkpoint, verifiable offline with smsoptout verify or the documented algorithm. JSON by default; --html writes the page for people, with the JSON inside. "
            + "No certificate is issued when the event's stored record no longer gives its leaf, or its proof does not reach the checkpoint (it changed after it was recorded): exit code 1, the log's first divergence on the error stream as verify names it, and with --html the failure page instead of the certificate. Exit code 2: the event is not in the log. A change to another event is verify's to find.\n\n"
            + "Examples:\n  smsoptout certificate evt_0193… --config appsettings.json --account acme --output certificate.json\n  smsoptout certificate evt_0193… --config appsettings.json --account acme --html --output certificate.html")
        {
            eventId, output, html,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("certificate", cancellationToken: cancellationToken).ConfigureAwait(false);
            var evidence = context.Services.GetRequiredService<IConsentEvidence>();
            var id = result.GetValue(eventId)!;
            string json;
            try
            {
                json = await evidence.CreateCertificateAsync(account, id, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyNotFoundException e)
            {
                throw new ToolException(e.Message);
            }
            catch (ConsentLogDivergenceException e)
            {
                // The stored event no longer gives its leaf (or the log its checkpoint's root): no certificate, as the dashboard's 409.
                // Any other refusal (no signing key, a storage that cannot be used) is the usual one-line error: the log did not diverge.
                var divergence = e.Divergence;
                if (result.GetValue(html) && await context.Services.GetRequiredService<IConsentLogStore>().FindLogEntryAsync(account, id, cancellationToken).ConfigureAwait(false)
                        is { Event: { } stored })
                {
                    await WriteAsync(context, result.GetValue(output), CertificatePage.RenderFailure(Title, stored, e.Message, divergence.Reason), cancellationToken).ConfigureAwait(false);
                }

                return CommandRunner.Fail(
                    $"no certificate of event {id}: the consent log of account {account.Value} does not verify. {Describe(divergence)}. {e.Message}", ExitCodes.Attention);
            }

            var text = result.GetValue(html)
                ? CertificatePage.Render(Title, json, ConsentCertificateVerifier.Verify(json, evidence.PublicKeys), evidence.PublicKeys, "the smsoptout tool")
                : json;
            await WriteAsync(context, result.GetValue(output), text, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
    }

    public static Command Consistency(GlobalOptions options)
    {
        var held = new Argument<FileInfo>("checkpoint") { Description = "The checkpoint a third party holds (JSON, as smsoptout checkpoint wrote it)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the proof to this file instead of the console." };
        var command = new Command("consistency",
            "Write a consistency proof from a checkpoint a third party holds to the latest one (signed now when the log grew): it shows the log only grew since. The holder checks it offline with smsoptout verify proof.json --checkpoint held.json and keeps the newer checkpoint (exit code 1: the log no longer agrees with the held checkpoint, DIVERGENCE; 2: the held checkpoint is not this log's or its key is not configured, an error and no DIVERGENCE; 3: the storage could not be used).\n\n"
            + "Example:\n  smsoptout consistency held.json --config appsettings.json --account acme --output proof.json")
        {
            held, output,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("consistency", cancellationToken: cancellationToken).ConfigureAwait(false);
            string proof;
            try
            {
                var checkpoint = ConsentCheckpoint.FromJson(await ReadAsync(result.GetValue(held)!, "checkpoint", cancellationToken).ConfigureAwait(false));
                proof = await context.Services.GetRequiredService<IConsentEvidence>().CreateConsistencyProofAsync(account, checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or FileNotFoundException or ArgumentException or System.Text.Json.JsonException)
            {
                throw new ToolException(e.Message);
            }
            catch (ConsentLogDivergenceException e)
            {
                // Only the log's disagreeing with the held checkpoint is a divergence. Any other refusal (no signing key, a
                // storage that cannot be used) is the usual one-line error with its exit code: the log was not rewritten.
                // Re-running the verifier (as certificate does) cannot tell them apart here: the held checkpoint may be the
                // only evidence of a cut the store hides by dropping its own checkpoints.
                context.Output.WriteLine($"DIVERGENCE: {e.Message}");
                return ExitCodes.Attention;
            }

            await WriteAsync(context, result.GetValue(output), proof, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
    }

    private static async Task WriteAsync(ToolContext context, FileInfo? file, string json, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            context.Output.WriteLine(json);
            return;
        }

        await File.WriteAllTextAsync(file.FullName, json + "\n", cancellationToken).ConfigureAwait(false);
        context.Output.WriteLine($"written to {file.FullName}");
    }

    private static (string Id, byte[] Key) ParseKey(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        Span<byte> key = stackalloc byte[33];
        if (at < 1 || !Convert.TryFromBase64String(text[(at + 1)..], key, out var length) || length != 32)
        {
            throw new FormatException($"--public-key '{text}' is not <key id>=<base64 of a 32-byte Ed25519 public key>.");
        }

        return (text[..at], key[..32].ToArray());
    }
}
