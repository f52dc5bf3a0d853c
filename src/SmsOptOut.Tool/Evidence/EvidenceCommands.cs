using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Evidence;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Evidence;

/// <summary>
/// The tamper-evident consent log (docs/evidence.md): <c>verify</c> a certificate offline or an account's whole log,
/// sign a <c>checkpoint</c> to hand to a third party, and write an event's <c>certificate</c>.
/// </summary>
internal static class EvidenceCommands
{
    public static Command Verify(GlobalOptions options)
    {
        var certificate = new Argument<FileInfo?>("certificate") { Description = "A consent certificate (JSON) to verify offline; without it, the account's whole log is verified.", Arity = ArgumentArity.ZeroOrOne };
        var keys = new Option<string[]>("--public-key") { Description = "A public key of the log, as <key id>=<base64 Ed25519 public key>; repeat for rotated keys.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("verify",
            "Verify a consent certificate offline with the log's public keys (exit code 0: valid; 1: invalid, with what failed), or recompute an account's whole consent log against its latest checkpoint (exit code 1: the first divergence: which event, what, since when).\n\n"
            + "Examples:\n  smsoptout verify certificate.json --public-key k1=MCow…\n  smsoptout verify --config appsettings.json --account acme")
        {
            certificate, keys,
        };
        command.SetAction((result, cancellationToken) => result.GetValue(certificate) is { } file
            ? VerifyCertificateAsync(file, result.GetValue(keys) ?? [], cancellationToken)
            : CommandRunner.RunAsync(result, options, VerifyLogAsync, cancellationToken));
        return command;
    }

    /// <summary>A certificate, offline: no storage, only the file and the public keys.</summary>
    private static async Task<int> VerifyCertificateAsync(FileInfo file, string[] keys, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return CommandRunner.Fail($"No certificate at '{file.FullName}'.", ExitCodes.BadInput);
        }

        Dictionary<string, byte[]> publicKeys;
        try
        {
            publicKeys = keys.Select(ParseKey).ToDictionary(k => k.Id, k => k.Key, StringComparer.Ordinal);
        }
        catch (FormatException e)
        {
            return CommandRunner.Fail(e.Message, ExitCodes.BadInput);
        }

        var verification = ConsentCertificateVerifier.Verify(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false), publicKeys);
        await Console.Out.WriteLineAsync(verification.IsValid
            ? string.Create(CultureInfo.InvariantCulture,
                $"valid: event {verification.EventId} of account {verification.Account} is leaf {verification.LeafIndex} of the log of {verification.Checkpoint!.TreeSize} events that key {verification.Checkpoint.KeyId} signed at {verification.Checkpoint.Time:yyyy-MM-dd HH:mm:ss} UTC")
            : $"INVALID: {verification.Failure}").ConfigureAwait(false);
        return verification.IsValid ? ExitCodes.Ok : ExitCodes.Attention;
    }

    /// <summary>An account's whole log, through the configured storage.</summary>
    private static async Task<int> VerifyLogAsync(ParseResult result, ToolContext context, CancellationToken cancellationToken)
    {
        var id = await context.AccountAsync("verify", cancellationToken: cancellationToken).ConfigureAwait(false);
        var verification = await context.Services.GetRequiredService<IConsentEvidence>().VerifyAsync(id, cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"account {id}: {verification.LogSize} events in the consent log, {verification.Checked} recomputed from their records, {verification.Erased} erased or minimized (their leaves kept)"));
        output.WriteLine(verification.Checkpoint is { } checkpoint
            ? string.Create(CultureInfo.InvariantCulture, $"  latest checkpoint: {checkpoint.TreeSize} events, signed by key {checkpoint.KeyId} at {checkpoint.Time:yyyy-MM-dd HH:mm:ss} UTC")
            : "  no checkpoint signed yet: each event was checked against its own leaf only (run smsoptout checkpoint)");
        if (verification.Divergence is { } divergence)
        {
            output.WriteLine($"DIVERGENCE: {divergence.Reason}"
                + (divergence.RecordedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $" (the event was recorded {at:yyyy-MM-dd HH:mm:ss} UTC; the change came after)") : string.Empty));
            return ExitCodes.Attention;
        }

        output.WriteLine("intact");
        return ExitCodes.Ok;
    }

    public static Command Checkpoint(GlobalOptions options)
    {
        var output = new Option<FileInfo?>("--output") { Description = "Write the checkpoint's JSON to this file (to hand to a third party) instead of the console." };
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
        var output = new Option<FileInfo?>("--output") { Description = "Write the certificate to this file instead of the console." };
        var command = new Command("certificate",
            "Write the consent certificate of one event: the event with its evidence, its inclusion proof and a signed checkpoint, verifiable offline with smsoptout verify or the documented algorithm.\n\n"
            + "Example:\n  smsoptout certificate evt_0193… --config appsettings.json --account acme --output certificate.json")
        {
            eventId, output,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("certificate", cancellationToken: cancellationToken).ConfigureAwait(false);
            string json;
            try
            {
                json = await context.Services.GetRequiredService<IConsentEvidence>().CreateCertificateAsync(account, result.GetValue(eventId)!, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyNotFoundException e)
            {
                throw new ToolException(e.Message);
            }

            await WriteAsync(context, result.GetValue(output), json, cancellationToken).ConfigureAwait(false);
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
