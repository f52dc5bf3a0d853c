namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>The versioned migrations; <c>{0}</c> is the quoted schema name.</summary>
internal static class PostgreSqlSchema
{
    public static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE {0}.consent_events (
                seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                account      text        NOT NULL,
                event_id     text        NOT NULL,
                number       bigint      NOT NULL,
                kind         smallint    NOT NULL,
                source       smallint    NOT NULL,
                scope        smallint    NOT NULL,
                list         text,
                campaign     text,
                occurred_at  timestamptz NOT NULL,
                recorded_at  timestamptz NOT NULL,
                evidence     jsonb,
                UNIQUE (account, event_id)
            );
            CREATE INDEX ix_consent_events_number ON {0}.consent_events (account, number, seq);
            CREATE INDEX ix_consent_events_recorded ON {0}.consent_events (account, recorded_at, seq);

            CREATE TABLE {0}.suppressions (
                account   text        NOT NULL,
                number    bigint      NOT NULL,
                list_key  text COLLATE "C" NOT NULL,
                since     timestamptz NOT NULL,
                source    smallint    NOT NULL,
                event_id  text        NOT NULL,
                PRIMARY KEY (account, number, list_key)
            );

            CREATE TABLE {0}.link_tokens (
                token       text COLLATE "C" PRIMARY KEY,
                account     text        NOT NULL,
                list        text        NOT NULL,
                campaign    text,
                number      bigint      NOT NULL,
                expires_at  timestamptz NOT NULL
            );
            CREATE INDEX ix_link_tokens_expiry ON {0}.link_tokens (expires_at);

            CREATE TABLE {0}.reply_ledger (
                account        text        NOT NULL,
                number         bigint      NOT NULL,
                last_reply_at  timestamptz NOT NULL,
                PRIMARY KEY (account, number)
            );

            CREATE TABLE {0}.webhook_outbox (
                id                text COLLATE "C" PRIMARY KEY,
                account           text        NOT NULL,
                list              text,
                event_id          text        NOT NULL,
                payload           text        NOT NULL,
                created_at        timestamptz NOT NULL,
                next_attempt_at   timestamptz NOT NULL,
                attempts          integer     NOT NULL DEFAULT 0,
                state             smallint    NOT NULL DEFAULT 0,
                last_error        text,
                last_attempt_at   timestamptz,
                lease_owner       text,
                lease_expires_at  timestamptz
            );
            CREATE INDEX ix_webhook_outbox_due ON {0}.webhook_outbox (next_attempt_at, id) WHERE state = 0;
            CREATE INDEX ix_webhook_outbox_account ON {0}.webhook_outbox (account, state, created_at);
            CREATE INDEX ix_webhook_outbox_delivered ON {0}.webhook_outbox (last_attempt_at) WHERE state = 1;
            """),
        (2, """
            CREATE TABLE {0}.report_cursors (
                account         text        PRIMARY KEY,
                reported_until  timestamptz NOT NULL,
                last_sent_at    timestamptz
            );
            """),
        (3, """
            CREATE TABLE {0}.report_claims (
                account  text        PRIMARY KEY,
                owner    text        NOT NULL,
                until    timestamptz NOT NULL
            );
            """),
        (4, """
            -- NULL: the account's webhook; 'provider:<name>': a consent change pushed to that provider.
            ALTER TABLE {0}.webhook_outbox ADD COLUMN target text;
            """),
        (5, """
            -- Erased numbers stay suppressed under a keyed pseudonym (negative: its top bit is set), never the number.
            CREATE TABLE {0}.erased_suppressions (
                account    text        NOT NULL,
                pseudonym  bigint      NOT NULL,
                list_key   text COLLATE "C" NOT NULL,
                key_id     smallint    NOT NULL,
                since      timestamptz NOT NULL,
                source     smallint    NOT NULL,
                PRIMARY KEY (account, pseudonym, list_key)
            );

            -- The pseudonym keys an account's erasures were made with: none means no pseudonym is ever computed for it.
            CREATE TABLE {0}.erasure_keys (
                account      text     NOT NULL,
                key_id       smallint NOT NULL,
                fingerprint  text     NOT NULL,
                PRIMARY KEY (account, key_id)
            );

            -- The audit trail of erasures: when, why, which request, how much. Never the number.
            CREATE TABLE {0}.erasures (
                seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                account       text        NOT NULL,
                request_id    text        NOT NULL,
                reason        text        NOT NULL,
                erased_at     timestamptz NOT NULL,
                events        integer     NOT NULL,
                suppressions  integer     NOT NULL,
                tokens        integer     NOT NULL,
                webhooks      integer     NOT NULL,
                replies       integer     NOT NULL
            );
            CREATE INDEX ix_erasures_account ON {0}.erasures (account, seq);

            -- How far retention has minimized evidence, by consent event seq.
            CREATE TABLE {0}.retention_state (
                id               smallint PRIMARY KEY CHECK (id = 1),
                minimized_until  bigint   NOT NULL
            );

            -- A person's data, found without a scan for erasure and access.
            CREATE INDEX ix_consent_events_number_any_account ON {0}.consent_events (number);
            CREATE INDEX ix_link_tokens_number ON {0}.link_tokens (number, account);
            CREATE INDEX ix_reply_ledger_number ON {0}.reply_ledger (number);
            CREATE INDEX ix_webhook_outbox_event ON {0}.webhook_outbox (account, event_id);
            """),
        (6, """
            -- Do-Not-Call registry data: the set in use per scope ('' = every account, else the account), numbers by set id.
            CREATE SEQUENCE {0}.dnc_set_ids;
            CREATE TABLE {0}.dnc_sets (
                scope        text COLLATE "C" PRIMARY KEY,
                set_id       bigint      NOT NULL,
                data_date    date        NOT NULL,
                imported_at  timestamptz NOT NULL,
                count        bigint      NOT NULL
            );
            CREATE TABLE {0}.dnc_numbers (
                set_id  bigint NOT NULL,
                number  bigint NOT NULL,
                PRIMARY KEY (set_id, number)
            );
            """),
        (7, """
            -- Opt-ins and double opt-in requests: one row per number and account (level 0 none, 1 opted in, 2 confirmed).
            CREATE TABLE {0}.opt_ins (
                account           text        NOT NULL,
                number            bigint      NOT NULL,
                level             smallint    NOT NULL DEFAULT 0,
                level_at          timestamptz,
                evidence          text,
                requested_at      timestamptz,
                expires_at        timestamptz,
                request_evidence  text,
                PRIMARY KEY (account, number)
            );
            CREATE INDEX ix_opt_ins_number ON {0}.opt_ins (number);
            CREATE INDEX ix_opt_ins_lapsed ON {0}.opt_ins (expires_at) WHERE level = 0;
            """),
        (8, """
            -- Frequency caps: per recipient and counter (a scope and window), the send times still in the window, oldest first.
            CREATE TABLE {0}.send_counters (
                account  text          NOT NULL,
                counter  text          NOT NULL,
                number   bigint        NOT NULL,
                sent     timestamptz[] NOT NULL,
                PRIMARY KEY (account, counter, number)
            );
            CREATE INDEX ix_send_counters_oldest ON {0}.send_counters ((sent[1]));
            """),
        (9, """
            -- List messages held by quiet hours until due; claimed_at is set when a scheduler takes one.
            CREATE TABLE {0}.deferred_sends (
                id          text        PRIMARY KEY,
                account     text        NOT NULL,
                number      bigint      NOT NULL,
                not_before  timestamptz NOT NULL,
                message     text        NOT NULL,
                claimed_at  timestamptz
            );
            CREATE INDEX ix_deferred_sends_due ON {0}.deferred_sends (not_before) WHERE claimed_at IS NULL;
            CREATE INDEX ix_deferred_sends_number ON {0}.deferred_sends (number, account);
            """),
        (10, """
            -- Daily counts read from the index alone: no counter row for concurrent writers to queue on.
            CREATE INDEX ix_consent_events_daily ON {0}.consent_events (account, recorded_at) INCLUDE (kind, source);
            """),
        (11, """
            -- Daily counts of settled days (before yesterday, UTC), filled on first read; an erasure drops the days it touches.
            CREATE TABLE {0}.consent_daily (
                account  text     NOT NULL,
                day      date     NOT NULL,
                kind     smallint NOT NULL,
                source   smallint NOT NULL,
                count    bigint   NOT NULL,
                PRIMARY KEY (account, day, kind, source)
            );
            CREATE TABLE {0}.consent_daily_done (
                account  text NOT NULL,
                day      date NOT NULL,
                PRIMARY KEY (account, day)
            );
            """),
        (12, """
            -- The dashboard's recent deliveries: an account's attempted messages by their last attempt.
            CREATE INDEX ix_webhook_outbox_attempted ON {0}.webhook_outbox (account, last_attempt_at DESC) WHERE last_attempt_at IS NOT NULL;
            """),
        (13, """
            -- One-time values (nonces, signatures) of verified provider webhooks, kept until they expire, so a captured
            -- request replayed to any instance, or after a restart, is refused.
            CREATE TABLE {0}.webhook_replay (
                key         text COLLATE "C" PRIMARY KEY,
                expires_at  timestamptz NOT NULL
            );
            CREATE INDEX ix_webhook_replay_expiry ON {0}.webhook_replay (expires_at);

            -- How far reconciliation has read each account's opt-outs at each provider: an opaque text per pair.
            CREATE TABLE {0}.reconciliation_checkpoints (
                account     text        NOT NULL,
                provider    text COLLATE "C" NOT NULL,
                checkpoint  text        NOT NULL,
                saved_at    timestamptz NOT NULL,
                PRIMARY KEY (account, provider)
            );
            """),
        (14, """
            -- What a consent rests on (0 express, 1 purchase, 2 inquiry, 3 membership, 4 conspicuous publication,
            -- 5 disclosure) and when an implied one lapses; the index lists an account's consents by expiry.
            ALTER TABLE {0}.opt_ins ADD COLUMN basis smallint NOT NULL DEFAULT 0;
            ALTER TABLE {0}.opt_ins ADD COLUMN consent_expires_at timestamptz;
            CREATE INDEX ix_opt_ins_consent_expiry ON {0}.opt_ins (account, consent_expires_at, number) WHERE level = 1 AND consent_expires_at IS NOT NULL;
            """),
        (15, """
            -- People's access, erasure and objection requests with their deadlines, by the host's reference; kept when
            -- closed, as the record of how each was answered. No number. kind: 0 access, 1 erasure, 2 objection; law: 0 GDPR,
            -- 1 UK GDPR, 2 CCPA, 3 PIPEDA, 4 Québec; account NULL for every account. The index lists the open ones by deadline.
            CREATE TABLE {0}.subject_requests (
                reference         text COLLATE "C" PRIMARY KEY,
                kind              smallint    NOT NULL,
                law               smallint    NOT NULL,
                account           text,
                received_at       timestamptz NOT NULL,
                due_at            timestamptz NOT NULL,
                extended_due_at   timestamptz,
                extension_reason  text,
                closed_at         timestamptz,
                resolution        text
            );
            CREATE INDEX ix_subject_requests_open ON {0}.subject_requests ((COALESCE(extended_due_at, due_at)), reference) WHERE closed_at IS NULL;
            """),
        (16, """
            -- The dashboard's list of suppressed numbers, newest first (ISuppressionListing): a page is one backward range
            -- of one index from the cursor. By since (the source beside it, so any filter is checked in the index); by
            -- source; by list ('' = account-wide).
            CREATE INDEX ix_suppressions_since ON {0}.suppressions (account, since, number, list_key) INCLUDE (source);
            CREATE INDEX ix_suppressions_source ON {0}.suppressions (account, source, since, number, list_key);
            CREATE INDEX ix_suppressions_list ON {0}.suppressions (account, list_key, since, number);
            """),
        (17, """
            -- Pauses (the preference center): an account-wide suppression with an end, and the opt-in that ends it. The
            -- index lists each account's pauses by end, for the sweeper that ends them.
            ALTER TABLE {0}.consent_events ADD COLUMN paused_until timestamptz, ADD COLUMN reverts text;
            ALTER TABLE {0}.suppressions ADD COLUMN paused_until timestamptz;
            CREATE INDEX ix_suppressions_paused ON {0}.suppressions (account, paused_until) WHERE paused_until IS NOT NULL;
            """),
        (18, """
            -- The tamper-evident consent log (docs/evidence.md): one leaf per applied event, in commit order per account
            -- (the apply batch holds an advisory lock per account to commit), kept when an erasure deletes the event and
            -- its salt (event_id then NULL); and the signed checkpoints. Events recorded before this migration are not in the log.
            ALTER TABLE {0}.consent_events ADD COLUMN salt bytea;
            CREATE TABLE {0}.consent_log (
                account    text   NOT NULL,
                log_index  bigint NOT NULL,
                leaf       bytea  NOT NULL,
                event_id   text,
                PRIMARY KEY (account, log_index)
            );
            CREATE UNIQUE INDEX ux_consent_log_event ON {0}.consent_log (account, event_id) WHERE event_id IS NOT NULL;
            CREATE TABLE {0}.consent_checkpoints (
                account    text        NOT NULL,
                tree_size  bigint      NOT NULL,
                time       timestamptz NOT NULL,
                root       bytea       NOT NULL,
                key_id     text        NOT NULL,
                signature  bytea       NOT NULL,
                PRIMARY KEY (account, tree_size, time)
            );
            """),
        (19, """
            -- The suppression snapshot (issue 37): a counter per account that moves once in every transaction that changes
            -- what its bulk filter answers (a suppression or a pseudonymous one added, removed or changed) — its row stays
            -- locked until commit, so the counts readers see committed are always a prefix —, and the values changed at
            -- each count, trimmed to the last 10,000 counts (SuppressionDelta.KeptChanges; the trim deletes a bounded range
            -- of counts, so it never walks the dead index entries of earlier trims). Kept by statement triggers, so
            -- every write path moves it; the apply batch moves its accounts' counters first, in order, so two batches never
            -- lock them in opposite orders. An erasure deletes its number's changes (the number must leave the database)
            -- and raises snapshot_floor to the counter: snapshots older than that load again.
            CREATE TABLE {0}.suppression_versions (
                account         text   PRIMARY KEY,
                version         bigint NOT NULL,
                snapshot_floor  bigint NOT NULL DEFAULT 0
            );
            INSERT INTO {0}.suppression_versions (account, version)
                SELECT account, 1 FROM {0}.suppressions UNION SELECT account, 1 FROM {0}.erased_suppressions;
            CREATE TABLE {0}.suppression_changes (
                account  text    NOT NULL,
                version  bigint  NOT NULL,
                erased   boolean NOT NULL,
                value    bigint  NOT NULL,
                PRIMARY KEY (account, version, erased, value)
            );
            -- An erasure finds its number's changes by value: an import keeps up to 10,000 transactions of them.
            CREATE INDEX ix_suppression_changes_value ON {0}.suppression_changes (account, value) WHERE NOT erased;
            -- Moves each account's counter once per transaction (a row this transaction already moved is only locked).
            CREATE PROCEDURE {0}.bump_suppression_versions(accounts text[]) LANGUAGE sql AS $$
                INSERT INTO {0}.suppression_versions AS s (account, version)
                SELECT a, 1 FROM unnest(accounts) AS a ORDER BY a
                ON CONFLICT (account) DO UPDATE SET version = s.version + 1 WHERE NOT (s.xmin = pg_current_xact_id()::xid);
            $$;
            CREATE FUNCTION {0}.suppressions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                accounts text[] := ARRAY(SELECT DISTINCT account FROM changed);
            BEGIN
                CALL {0}.bump_suppression_versions(accounts);
                INSERT INTO {0}.suppression_changes (account, version, erased, value)
                    SELECT c.account, v.version, false, c.number FROM changed AS c JOIN {0}.suppression_versions AS v USING (account)
                    ON CONFLICT DO NOTHING;
                DELETE FROM {0}.suppression_changes AS d USING {0}.suppression_versions AS v
                    WHERE d.account = v.account AND v.account IN (SELECT account FROM changed)
                      AND d.version BETWEEN v.version - 10100 AND v.version - 10000;
                RETURN NULL;
            END
            $$;
            CREATE FUNCTION {0}.erased_suppressions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                accounts text[] := ARRAY(SELECT DISTINCT account FROM changed);
            BEGIN
                CALL {0}.bump_suppression_versions(accounts);
                INSERT INTO {0}.suppression_changes (account, version, erased, value)
                    SELECT c.account, v.version, true, c.pseudonym FROM changed AS c JOIN {0}.suppression_versions AS v USING (account)
                    ON CONFLICT DO NOTHING;
                DELETE FROM {0}.suppression_changes AS d USING {0}.suppression_versions AS v
                    WHERE d.account = v.account AND v.account IN (SELECT account FROM changed)
                      AND d.version BETWEEN v.version - 10100 AND v.version - 10000;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER suppressions_inserted AFTER INSERT ON {0}.suppressions
                REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {0}.suppressions_changed();
            CREATE TRIGGER suppressions_updated AFTER UPDATE ON {0}.suppressions
                REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {0}.suppressions_changed();
            CREATE TRIGGER suppressions_deleted AFTER DELETE ON {0}.suppressions
                REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {0}.suppressions_changed();
            CREATE TRIGGER erased_suppressions_inserted AFTER INSERT ON {0}.erased_suppressions
                REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {0}.erased_suppressions_changed();
            CREATE TRIGGER erased_suppressions_updated AFTER UPDATE ON {0}.erased_suppressions
                REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {0}.erased_suppressions_changed();
            CREATE TRIGGER erased_suppressions_deleted AFTER DELETE ON {0}.erased_suppressions
                REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {0}.erased_suppressions_changed();
            """),
        (20, """
            -- The one-time backfill of the consent log (docs/evidence.md): events recorded before migration 18 get a salt and
            -- a leaf, after the leaves already there, in seq order, a batch per transaction; after_seq is where it stands.
            -- backfilled_at marks those leaves: they are only as trustworthy as the database was when they were computed.
            ALTER TABLE {0}.consent_log ADD COLUMN backfilled_at timestamptz;
            CREATE TABLE {0}.consent_log_backfill (
                id         integer PRIMARY KEY CHECK (id = 1),
                after_seq  bigint  NOT NULL,
                done       boolean NOT NULL
            );
            INSERT INTO {0}.consent_log_backfill (id, after_seq, done) VALUES (1, 0, false);
            """),
        (21, """
            -- The apply batch records its suppression changes itself, in the statement that makes each one (at the counter it
            -- moved first), and says so for its transaction (smsoptout.changes_recorded): the statement triggers of
            -- suppressions skip it, since firing them for each event cost more than the event's own writes. Every other write
            -- path still goes through them.
            DROP TRIGGER suppressions_inserted ON {0}.suppressions;
            DROP TRIGGER suppressions_updated ON {0}.suppressions;
            DROP TRIGGER suppressions_deleted ON {0}.suppressions;
            CREATE TRIGGER suppressions_inserted AFTER INSERT ON {0}.suppressions
                REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
                WHEN (current_setting('smsoptout.changes_recorded', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION {0}.suppressions_changed();
            CREATE TRIGGER suppressions_updated AFTER UPDATE ON {0}.suppressions
                REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
                WHEN (current_setting('smsoptout.changes_recorded', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION {0}.suppressions_changed();
            CREATE TRIGGER suppressions_deleted AFTER DELETE ON {0}.suppressions
                REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
                WHEN (current_setting('smsoptout.changes_recorded', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION {0}.suppressions_changed();
            """),
        (22, """
            -- The roots of each account's complete blocks of 256 consent-log leaves (docs/evidence.md, "Proofs"): derived
            -- data the evidence service writes and checks against the signed checkpoints, so that a new process does not
            -- read every leaf before its first tree head or proof.
            CREATE TABLE {0}.consent_log_blocks (
                account  text   NOT NULL,
                block    bigint NOT NULL,
                root     bytea  NOT NULL,
                PRIMARY KEY (account, block)
            );
            """),
        (23, """
            -- Erasure records are leaves of the consent log (docs/evidence.md, "Erasure records in the log"): each new
            -- record keeps its own leaf's index and the leaves whose events it erased. Records kept before have neither, and
            -- stay as they were.
            ALTER TABLE {0}.erasures ADD COLUMN log_index bigint, ADD COLUMN leaves bigint[];
            CREATE UNIQUE INDEX ux_erasures_log ON {0}.erasures (account, log_index) WHERE log_index IS NOT NULL;
            -- The leaves erased before then are listed once, by one record per account, right after the migrations.
            ALTER TABLE {0}.consent_log_backfill ADD COLUMN erasures_listed boolean NOT NULL DEFAULT false;
            """),
    ];
}
