using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Schema;

/// <summary><c>smsoptout migrate</c>: create or upgrade the storage's schema ahead of a deployment and print its version.</summary>
internal static class MigrateCommand
{
    public static Command Create(GlobalOptions options) =>
        new Command("migrate", "Create the storage's schema, or upgrade it to this version's, and print the version. Safe to run again and from several machines at once.")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var name = context.StorageName;
                MigrateAnswer answer;
                if (context.Services.GetService<IStorageSchema>() is { } schema)
                {
                    var version = await schema.MigrateAsync(cancellationToken).ConfigureAwait(false);
                    answer = new MigrateAnswer(Json.Version, name, version.Found, version.Current, version.Migrated);
                }
                else
                {
                    // A store without a schema: check that it answers, which is all there is to prepare.
                    await context.Get<IWebhookOutboxStore>().CountAsync(null, cancellationToken).ConfigureAwait(false);
                    answer = new MigrateAnswer(Json.Version, name, null, null, false);
                }

                if (context.Json)
                {
                    Json.Write(context.Output, answer);
                }
                else
                {
                    context.Output.WriteLine(answer switch
                    {
                        { CurrentSchemaVersion: null } => $"{name} keeps no schema: nothing to migrate, and it answers.",
                        { Migrated: true } => $"{name} schema migrated from version {answer.FoundSchemaVersion} to {answer.CurrentSchemaVersion}.",
                        _ => $"{name} schema is up to date at version {answer.CurrentSchemaVersion}.",
                    });
                }

                return ExitCodes.Ok;
            });
}
