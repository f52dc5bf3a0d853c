using System.Text.RegularExpressions;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Redis.Internal;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// Changes a stored consent log behind the store's back with plain Redis commands (LSET, LINDEX), as an operator could,
/// in key layout 4: the event's record is element i % 128 of <c>ev:&lt;i / 128&gt;</c> (i its log index, found in the id
/// index); the record is decoded, changed and written back whole, its salt (with its field check) and leaf untouched.
/// </summary>
internal static partial class RedisTampering
{
    public static async Task<bool> TamperAsync(IDatabase database, string accountKey, string eventId, Tampering tampering)
    {
        if (tampering == Tampering.ForgeErasureRecord)
        {
            var (_, leaf) = await FindAsync(database, accountKey, eventId);
            await database.ListRightPushAsync(accountKey + ":era",
                $$"""{"RequestId":"ticket-forged","Reason":"asked","ErasedAt":"0","Events":0,"Suppressions":0,"Tokens":0,"Webhooks":0,"Replies":0,"LogIndex":{{leaf}},"Leaves":""}""");
            return true;
        }

        if (tampering == Tampering.MarkNotUpgraded)
        {
            await database.StringSetAsync(accountKey[..accountKey.IndexOf(":a:", StringComparison.Ordinal)] + "}:layout", 8);
            return true;
        }

        if (tampering is Tampering.EditErasureRecord or Tampering.DeleteErasureRecord or Tampering.UnlogErasures)
        {
            return await TamperErasureAsync(database, accountKey, tampering);
        }

        var (bucket, index) = await FindAsync(database, accountKey, eventId);
        RedisKey list = accountKey + ":ev:" + (index / 128);
        var at = index % 128;
        var record = (byte[])(await database.ListGetByIndexAsync(list, at))!;
        var (e, salt) = RedisEventRecord.Decode(new AccountId("ignored"), record);
        switch (tampering)
        {
            case Tampering.EditNote:
                await database.ListSetByIndexAsync(list, at, RedisEventRecord.Encode(
                    e with { Evidence = e.Evidence with { Note = PhoneNote().Replace(e.Evidence.Note!, "consented at the counter") } }, salt));
                break;
            case Tampering.BackDate:
                await database.ListSetByIndexAsync(list, at, RedisEventRecord.Encode(e with { OccurredAt = e.OccurredAt.AddSeconds(-1) }, salt));
                break;
            case Tampering.EditNumber:
                await database.ListSetByIndexAsync(list, at, RedisEventRecord.Encode(e with { Number = SmsOptOut.Numbers.PhoneNumber.FromValue(e.Number.Value + 1) }, salt));
                break;
            case Tampering.EditNoteAndBackDate:
                await database.ListSetByIndexAsync(list, at, RedisEventRecord.Encode(
                    e with { OccurredAt = e.OccurredAt.AddSeconds(-1), Evidence = e.Evidence with { Note = "consented at the counter" } }, salt));
                break;
            case Tampering.DeleteEvent:
                await database.ListSetByIndexAsync(list, at, RedisValue.EmptyString);
                break;
            case Tampering.RemoveSaltAndEditNumber:
                await database.ListSetByIndexAsync(list, at, RedisEventRecord.Encode(
                    e with { Number = SmsOptOut.Numbers.PhoneNumber.FromValue(e.Number.Value + 1), Evidence = ConsentEvidence.None }, null));
                break;
            case Tampering.UnreadableRecord:
                await database.ListSetByIndexAsync(list, at, record[..(record.Length / 2)]);
                break;
            case Tampering.DeleteAsAnErasure:
                // An erasure's tombstone (one zero byte) and the id gone from the id index, without the erasure record.
                await database.ListSetByIndexAsync(list, at, new byte[1]);
                await database.HashDeleteAsync(bucket, RedisEventRecord.KeyOf(eventId));
                break;
            default:
                // Swap the leaf with the next one, and the records with them, so each record stays beside its leaf.
                var leaf = await database.ListGetByIndexAsync(accountKey + ":log", index);
                var next = await database.ListGetByIndexAsync(accountKey + ":log", index + 1);
                RedisKey nextList = accountKey + ":ev:" + ((index + 1) / 128);
                var nextRecord = await database.ListGetByIndexAsync(nextList, (index + 1) % 128);
                await database.ListSetByIndexAsync(accountKey + ":log", index, next);
                await database.ListSetByIndexAsync(accountKey + ":log", index + 1, leaf);
                await database.ListSetByIndexAsync(list, at, nextRecord);
                await database.ListSetByIndexAsync(nextList, (index + 1) % 128, record);
                var nextId = RedisEventRecord.IdOfRecord(nextRecord!);
                var (nextBucket, _) = await FindAsync(database, accountKey, nextId);
                await database.HashSetAsync(bucket, RedisEventRecord.KeyOf(eventId), index + 1);
                await database.HashSetAsync(nextBucket, RedisEventRecord.KeyOf(nextId), index);
                break;
        }

        return true;
    }

    /// <summary>The account's first erasure record (a JSON element of <c>era</c>): its reason changed, or the list deleted.</summary>
    private static async Task<bool> TamperErasureAsync(IDatabase database, string accountKey, Tampering tampering)
    {
        if (tampering == Tampering.DeleteErasureRecord)
        {
            return await database.KeyDeleteAsync(accountKey + ":era");
        }

        if (tampering == Tampering.UnlogErasures)
        {
            // As key layout 8 kept them: the records' leaves (the log's latest) and their one-byte records gone, the JSON without LogIndex and Leaves.
            var records = await database.ListRangeAsync(accountKey + ":era");
            foreach (var _ in records.Where(r => System.Text.Json.Nodes.JsonNode.Parse((string)r!)!["LogIndex"] is not null))
            {
                var last = await database.ListLengthAsync(accountKey + ":log") - 1;
                await database.ListRightPopAsync(accountKey + ":log");
                await database.ListRightPopAsync(accountKey + ":ev:" + (last / 128));
            }

            await database.KeyDeleteAsync(accountKey + ":era");
            foreach (var kept in records)
            {
                var old = System.Text.Json.Nodes.JsonNode.Parse((string)kept!)!.AsObject();
                old.Remove("LogIndex");
                old.Remove("Leaves");
                await database.ListRightPushAsync(accountKey + ":era", old.ToJsonString());
            }

            var root = accountKey[..accountKey.IndexOf(":a:", StringComparison.Ordinal)] + "}";
            await database.StringSetAsync(root + ":layout", 8);
            return true;
        }

        var json = (string)(await database.ListGetByIndexAsync(accountKey + ":era", 0))!;
        var record = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        record["Reason"] = "asked to leave";
        await database.ListSetByIndexAsync(accountKey + ":era", 0, record.ToJsonString());
        return true;
    }

    /// <summary>The bucket of the id index that holds an event, and the event's index.</summary>
    private static async Task<(RedisKey Bucket, long Index)> FindAsync(IDatabase database, string accountKey, string eventId)
    {
        var found = (RedisValue[])(await database.ScriptEvaluateAsync(RedisScripts.FindEvent, [accountKey], [accountKey, RedisEventRecord.KeyOf(eventId)]))!;
        return ((string)found[0]!, (long)found[1]);
    }

    [GeneratedRegex("asked by phone [0-9]+")]
    private static partial Regex PhoneNote();
}
