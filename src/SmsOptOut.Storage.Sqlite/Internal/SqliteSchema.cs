namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>The versioned migrations, applied in order, each once, under a write lock.</summary>
internal static class SqliteSchema
{
    public static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE consent_events (
                seq          INTEGER PRIMARY KEY AUTOINCREMENT,
                account      TEXT    NOT NULL,
                event_id     TEXT    NOT NULL,
                number       INTEGER NOT NULL,
                kind         INTEGER NOT NULL,
                source       INTEGER NOT NULL,
                scope        INTEGER NOT NULL,
                list         TEXT,
                campaign     TEXT,
                occurred_at  INTEGER NOT NULL,
                recorded_at  INTEGER NOT NULL,
                evidence     TEXT,
                UNIQUE (account, event_id)
            );
            CREATE INDEX ix_consent_events_number ON consent_events (account, number, seq);
            CREATE INDEX ix_consent_events_recorded ON consent_events (account, recorded_at, seq);

            -- Accounts get a small integer id, so the suppression index the bulk filter probes stays narrow.
            CREATE TABLE accounts (
                id    INTEGER PRIMARY KEY,
                name  TEXT    NOT NULL UNIQUE
            );

            CREATE TABLE suppressions (
                account_id  INTEGER NOT NULL,
                number      INTEGER NOT NULL,
                list_key    TEXT    NOT NULL,
                since       INTEGER NOT NULL,
                source      INTEGER NOT NULL,
                event_id    TEXT    NOT NULL
            );
            CREATE UNIQUE INDEX ux_suppressions ON suppressions (account_id, number, list_key);

            CREATE TABLE link_tokens (
                token       TEXT    NOT NULL PRIMARY KEY,
                account     TEXT    NOT NULL,
                list        TEXT    NOT NULL,
                campaign    TEXT,
                number      INTEGER NOT NULL,
                expires_at  INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_link_tokens_expiry ON link_tokens (expires_at);

            CREATE TABLE reply_ledger (
                account        TEXT    NOT NULL,
                number         INTEGER NOT NULL,
                last_reply_at  INTEGER NOT NULL,
                PRIMARY KEY (account, number)
            ) WITHOUT ROWID;

            CREATE TABLE webhook_outbox (
                id                TEXT    NOT NULL PRIMARY KEY,
                account           TEXT    NOT NULL,
                list              TEXT,
                event_id          TEXT    NOT NULL,
                payload           TEXT    NOT NULL,
                created_at        INTEGER NOT NULL,
                next_attempt_at   INTEGER NOT NULL,
                attempts          INTEGER NOT NULL DEFAULT 0,
                state             INTEGER NOT NULL DEFAULT 0,
                last_error        TEXT,
                last_attempt_at   INTEGER,
                lease_owner       TEXT,
                lease_expires_at  INTEGER
            );
            CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (state, next_attempt_at);
            CREATE INDEX ix_webhook_outbox_account ON webhook_outbox (account, state, created_at);
            """),
        (2, """
            CREATE TABLE report_cursors (
                account         TEXT    NOT NULL PRIMARY KEY,
                reported_until  INTEGER NOT NULL,
                last_sent_at    INTEGER
            ) WITHOUT ROWID;
            """),
        (3, """
            CREATE TABLE report_claims (
                account  TEXT    NOT NULL PRIMARY KEY,
                owner    TEXT    NOT NULL,
                until    INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        (4, """
            -- NULL: the account's webhook; 'provider:<name>': a consent change pushed to that provider.
            ALTER TABLE webhook_outbox ADD COLUMN target TEXT;
            """),
        (5, """
            -- Erased numbers stay suppressed under a keyed pseudonym (negative: its top bit is set), never the number.
            CREATE TABLE erased_suppressions (
                account_id  INTEGER NOT NULL,
                pseudonym   INTEGER NOT NULL,
                list_key    TEXT    NOT NULL,
                key_id      INTEGER NOT NULL,
                since       INTEGER NOT NULL,
                source      INTEGER NOT NULL,
                PRIMARY KEY (account_id, pseudonym, list_key)
            ) WITHOUT ROWID;

            -- The pseudonym keys an account's erasures were made with: none means no pseudonym is ever computed for it.
            CREATE TABLE erasure_keys (
                account_id   INTEGER NOT NULL,
                key_id       INTEGER NOT NULL,
                fingerprint  TEXT    NOT NULL,
                PRIMARY KEY (account_id, key_id)
            ) WITHOUT ROWID;

            -- The audit trail of erasures: when, why, which request, how much. Never the number.
            CREATE TABLE erasures (
                seq           INTEGER PRIMARY KEY AUTOINCREMENT,
                account       TEXT    NOT NULL,
                request_id    TEXT    NOT NULL,
                reason        TEXT    NOT NULL,
                erased_at     INTEGER NOT NULL,
                events        INTEGER NOT NULL,
                suppressions  INTEGER NOT NULL,
                tokens        INTEGER NOT NULL,
                webhooks      INTEGER NOT NULL,
                replies       INTEGER NOT NULL
            );
            CREATE INDEX ix_erasures_account ON erasures (account, seq);

            -- How far retention has minimized evidence, by consent event seq.
            CREATE TABLE retention_state (
                id               INTEGER PRIMARY KEY CHECK (id = 1),
                minimized_until  INTEGER NOT NULL
            );

            -- A person's tokens and webhooks, found without a scan for erasure and access.
            CREATE INDEX ix_link_tokens_number ON link_tokens (number, account);
            CREATE INDEX ix_webhook_outbox_event ON webhook_outbox (account, event_id);
            """),
        (6, """
            -- Do-Not-Call registry data: the set in use per scope ('' = every account, else the account's name).
            CREATE TABLE dnc_sets (
                scope        TEXT    PRIMARY KEY,
                set_id       INTEGER NOT NULL,
                data_date    TEXT    NOT NULL,
                imported_at  INTEGER NOT NULL,
                count        INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE dnc_numbers (
                set_id  INTEGER NOT NULL,
                number  INTEGER NOT NULL,
                PRIMARY KEY (set_id, number)
            ) WITHOUT ROWID;

            -- Sets not in use: being imported (state 0) or replaced and being deleted (state 1). Ids only ever grow.
            CREATE TABLE dnc_pending (
                set_id  INTEGER PRIMARY KEY AUTOINCREMENT,
                scope   TEXT    NOT NULL,
                state   INTEGER NOT NULL
            );
            """),
        (7, """
            -- Moves with every change of an account's erased suppressions, so a process can hold them in memory.
            ALTER TABLE accounts ADD COLUMN erasure_version INTEGER NOT NULL DEFAULT 0;
            UPDATE accounts SET erasure_version = 1 WHERE id IN (SELECT account_id FROM erased_suppressions);
            """),
        (8, """
            -- Opt-ins and double opt-in requests: one row per number and account (level 0 none, 1 opted in, 2 confirmed).
            CREATE TABLE opt_ins (
                account          TEXT    NOT NULL,
                number           INTEGER NOT NULL,
                level            INTEGER NOT NULL DEFAULT 0,
                level_at         INTEGER,
                evidence         TEXT,
                requested_at     INTEGER,
                expires_at       INTEGER,
                request_evidence TEXT,
                PRIMARY KEY (account, number)
            ) WITHOUT ROWID;
            CREATE INDEX ix_opt_ins_number ON opt_ins (number);
            CREATE INDEX ix_opt_ins_lapsed ON opt_ins (expires_at) WHERE level = 0;
            """),
        (9, """
            -- One row per list message counted for frequency caps, per counter (a scope and window).
            CREATE TABLE send_ledger (
                account  TEXT    NOT NULL,
                counter  TEXT    NOT NULL,
                number   INTEGER NOT NULL,
                sent_at  INTEGER NOT NULL
            );
            CREATE INDEX ix_send_ledger_number ON send_ledger (account, counter, number, sent_at);
            CREATE INDEX ix_send_ledger_sent ON send_ledger (sent_at);
            """),
        (10, """
            -- List messages held by quiet hours until due; claimed_at is set when a scheduler takes one.
            CREATE TABLE deferred_sends (
                id          TEXT    PRIMARY KEY,
                account     TEXT    NOT NULL,
                number      INTEGER NOT NULL,
                not_before  INTEGER NOT NULL,
                message     TEXT    NOT NULL,
                claimed_at  INTEGER
            ) WITHOUT ROWID;
            CREATE INDEX ix_deferred_sends_due ON deferred_sends (not_before) WHERE claimed_at IS NULL;
            CREATE INDEX ix_deferred_sends_number ON deferred_sends (number, account);
            """),
        (11, """
            -- Consent events per account, UTC day (ticks / ticks per day), kind and source; kept by triggers in the
            -- transaction that records an event, and lowered when an erasure deletes one.
            CREATE TABLE consent_daily (
                account  TEXT    NOT NULL,
                day      INTEGER NOT NULL,
                kind     INTEGER NOT NULL,
                source   INTEGER NOT NULL,
                count    INTEGER NOT NULL,
                PRIMARY KEY (account, day, kind, source)
            ) WITHOUT ROWID;
            INSERT INTO consent_daily (account, day, kind, source, count)
                SELECT account, recorded_at / 864000000000, kind, source, count(*) FROM consent_events GROUP BY 1, 2, 3, 4;
            CREATE TRIGGER consent_daily_insert AFTER INSERT ON consent_events BEGIN
                INSERT OR IGNORE INTO consent_daily (account, day, kind, source, count) VALUES (NEW.account, NEW.recorded_at / 864000000000, NEW.kind, NEW.source, 0);
                UPDATE consent_daily SET count = count + 1
                WHERE account = NEW.account AND day = NEW.recorded_at / 864000000000 AND kind = NEW.kind AND source = NEW.source;
            END;
            CREATE TRIGGER consent_daily_delete AFTER DELETE ON consent_events BEGIN
                UPDATE consent_daily SET count = count - 1
                WHERE account = OLD.account AND day = OLD.recorded_at / 864000000000 AND kind = OLD.kind AND source = OLD.source;
            END;
            """),
        (12, """
            -- The dashboard's recent deliveries: an account's attempted messages by their last attempt.
            CREATE INDEX ix_webhook_outbox_attempted ON webhook_outbox (account, last_attempt_at) WHERE last_attempt_at IS NOT NULL;
            """),
        (13, """
            -- One-time values (nonces, signatures) of verified provider webhooks, kept until they expire, so a captured
            -- request replayed to any process on this file, or after a restart, is refused.
            CREATE TABLE webhook_replay (
                key         TEXT    NOT NULL PRIMARY KEY,
                expires_at  INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_webhook_replay_expiry ON webhook_replay (expires_at);

            -- How far reconciliation has read each account's opt-outs at each provider: an opaque text per pair.
            CREATE TABLE reconciliation_checkpoints (
                account     TEXT    NOT NULL,
                provider    TEXT    NOT NULL,
                checkpoint  TEXT    NOT NULL,
                saved_at    INTEGER NOT NULL,
                PRIMARY KEY (account, provider)
            ) WITHOUT ROWID;
            """),
        (14, """
            -- What a consent rests on (0 express, 1 purchase, 2 inquiry, 3 membership, 4 conspicuous publication,
            -- 5 disclosure) and when an implied one lapses; the index lists an account's consents by expiry.
            ALTER TABLE opt_ins ADD COLUMN basis INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE opt_ins ADD COLUMN consent_expires_at INTEGER;
            CREATE INDEX ix_opt_ins_consent_expiry ON opt_ins (account, consent_expires_at, number) WHERE level = 1 AND consent_expires_at IS NOT NULL;
            """),
        (15, """
            -- People's access, erasure and objection requests with their deadlines, by the host's reference; kept when
            -- closed, as the record of how each was answered. No number. kind: 0 access, 1 erasure, 2 objection; law: 0 GDPR,
            -- 1 UK GDPR, 2 CCPA, 3 PIPEDA, 4 Québec; account NULL for every account. The index lists the open ones by deadline.
            CREATE TABLE subject_requests (
                reference         TEXT    NOT NULL PRIMARY KEY,
                kind              INTEGER NOT NULL,
                law               INTEGER NOT NULL,
                account           TEXT,
                received_at       INTEGER NOT NULL,
                due_at            INTEGER NOT NULL,
                extended_due_at   INTEGER,
                extension_reason  TEXT,
                closed_at         INTEGER,
                resolution        TEXT
            ) WITHOUT ROWID;
            CREATE INDEX ix_subject_requests_open ON subject_requests (COALESCE(extended_due_at, due_at), reference) WHERE closed_at IS NULL;
            """),
        (16, """
            -- The dashboard's list of suppressed numbers, newest first (ISuppressionListing): a page is one range of one
            -- index read backwards from the cursor. By since (any filter is checked in the index: source is in it); by
            -- source; by list ('' = account-wide).
            CREATE INDEX ix_suppressions_since ON suppressions (account_id, since, number, list_key, source);
            CREATE INDEX ix_suppressions_source ON suppressions (account_id, source, since, number, list_key);
            CREATE INDEX ix_suppressions_list ON suppressions (account_id, list_key, since, number);
            """),
        (17, """
            -- Pauses (the preference center): an account-wide suppression with an end, and the opt-in that ends it. The
            -- index lists each account's pauses by end, for the sweeper that ends them.
            ALTER TABLE consent_events ADD COLUMN paused_until INTEGER;
            ALTER TABLE consent_events ADD COLUMN reverts TEXT;
            ALTER TABLE suppressions ADD COLUMN paused_until INTEGER;
            CREATE INDEX ix_suppressions_paused ON suppressions (account_id, paused_until) WHERE paused_until IS NOT NULL;
            """),
        (18, """
            -- The tamper-evident consent log (docs/evidence.md): one leaf per applied event, in commit order per account,
            -- kept when an erasure deletes the event and its salt (event_id then NULL); and the signed checkpoints.
            -- Events recorded before this migration are not in the log.
            ALTER TABLE consent_events ADD COLUMN salt BLOB;
            CREATE TABLE consent_log (
                account    TEXT    NOT NULL,
                log_index  INTEGER NOT NULL,
                leaf       BLOB    NOT NULL,
                event_id   TEXT,
                PRIMARY KEY (account, log_index)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX ux_consent_log_event ON consent_log (account, event_id) WHERE event_id IS NOT NULL;
            CREATE TABLE consent_checkpoints (
                account    TEXT    NOT NULL,
                tree_size  INTEGER NOT NULL,
                time       INTEGER NOT NULL,
                root       BLOB    NOT NULL,
                key_id     TEXT    NOT NULL,
                signature  BLOB    NOT NULL,
                PRIMARY KEY (account, tree_size, time)
            ) WITHOUT ROWID;
            """),
        (19, """
            -- The suppression snapshot (issue 37): a counter per account that moves with every change of what its bulk
            -- filter answers (a suppression or a pseudonymous one added, removed or changed), in the same transaction, and
            -- the value changed at each count, trimmed to the last 10,000 counts (SuppressionDelta.KeptChanges). Kept by
            -- triggers, so every write path, present and future, moves it. An erasure deletes its number's changes (the
            -- number must leave the file) and raises snapshot_floor to the counter: snapshots older than that load again.
            ALTER TABLE accounts ADD COLUMN suppression_version INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE accounts ADD COLUMN snapshot_floor INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE suppression_changes (
                account_id  INTEGER NOT NULL,
                version     INTEGER NOT NULL,
                value       INTEGER NOT NULL,
                erased      INTEGER NOT NULL,
                PRIMARY KEY (account_id, version)
            ) WITHOUT ROWID;
            CREATE TRIGGER suppressions_inserted AFTER INSERT ON suppressions BEGIN
                UPDATE accounts SET suppression_version = suppression_version + 1 WHERE id = NEW.account_id;
                INSERT INTO suppression_changes (account_id, version, value, erased)
                    SELECT id, suppression_version, NEW.number, 0 FROM accounts WHERE id = NEW.account_id;
                DELETE FROM suppression_changes WHERE account_id = NEW.account_id
                    AND version <= (SELECT suppression_version FROM accounts WHERE id = NEW.account_id) - 10000;
            END;
            CREATE TRIGGER suppressions_updated AFTER UPDATE ON suppressions BEGIN
                UPDATE accounts SET suppression_version = suppression_version + 1 WHERE id = NEW.account_id;
                INSERT INTO suppression_changes (account_id, version, value, erased)
                    SELECT id, suppression_version, NEW.number, 0 FROM accounts WHERE id = NEW.account_id;
                DELETE FROM suppression_changes WHERE account_id = NEW.account_id
                    AND version <= (SELECT suppression_version FROM accounts WHERE id = NEW.account_id) - 10000;
            END;
            CREATE TRIGGER suppressions_deleted AFTER DELETE ON suppressions BEGIN
                UPDATE accounts SET suppression_version = suppression_version + 1 WHERE id = OLD.account_id;
                INSERT INTO suppression_changes (account_id, version, value, erased)
                    SELECT id, suppression_version, OLD.number, 0 FROM accounts WHERE id = OLD.account_id;
                DELETE FROM suppression_changes WHERE account_id = OLD.account_id
                    AND version <= (SELECT suppression_version FROM accounts WHERE id = OLD.account_id) - 10000;
            END;
            CREATE TRIGGER erased_suppressions_inserted AFTER INSERT ON erased_suppressions BEGIN
                UPDATE accounts SET suppression_version = suppression_version + 1 WHERE id = NEW.account_id;
                INSERT INTO suppression_changes (account_id, version, value, erased)
                    SELECT id, suppression_version, NEW.pseudonym, 1 FROM accounts WHERE id = NEW.account_id;
                DELETE FROM suppression_changes WHERE account_id = NEW.account_id
                    AND version <= (SELECT suppression_version FROM accounts WHERE id = NEW.account_id) - 10000;
            END;
            CREATE TRIGGER erased_suppressions_deleted AFTER DELETE ON erased_suppressions BEGIN
                UPDATE accounts SET suppression_version = suppression_version + 1 WHERE id = OLD.account_id;
                INSERT INTO suppression_changes (account_id, version, value, erased)
                    SELECT id, suppression_version, OLD.pseudonym, 1 FROM accounts WHERE id = OLD.account_id;
                DELETE FROM suppression_changes WHERE account_id = OLD.account_id
                    AND version <= (SELECT suppression_version FROM accounts WHERE id = OLD.account_id) - 10000;
            END;
            """),
        (20, """
            -- The one-time backfill of the consent log (docs/evidence.md): events recorded before migration 18 get a salt and
            -- a leaf, after the leaves already there, in seq order, a batch per transaction; after_seq is where it stands.
            -- backfilled_at marks those leaves: they are only as trustworthy as the database was when they were computed.
            ALTER TABLE consent_log ADD COLUMN backfilled_at INTEGER;
            CREATE TABLE consent_log_backfill (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                after_seq  INTEGER NOT NULL,
                done       INTEGER NOT NULL
            );
            INSERT INTO consent_log_backfill (id, after_seq, done) VALUES (1, 0, 0);
            """),
        (21, """
            -- An erasure for every account finds the accounts that hold the number's reply record by number, as it does
            -- its events and link tokens: without this index it scanned the whole ledger (PostgreSQL has had it since
            -- its erasure was built).
            CREATE INDEX ix_reply_ledger_number ON reply_ledger (number);
            """),
        (22, """
            -- The roots of each account's complete blocks of 256 consent-log leaves (docs/evidence.md, "Proofs"): derived
            -- data the evidence service writes and checks against the signed checkpoints, so that a new process does not
            -- read every leaf before its first tree head or proof.
            CREATE TABLE consent_log_blocks (
                account  TEXT    NOT NULL,
                block    INTEGER NOT NULL,
                root     BLOB    NOT NULL,
                PRIMARY KEY (account, block)
            ) WITHOUT ROWID;
            """),
        (23, """
            -- Erasure records are leaves of the consent log (docs/evidence.md, "Erasure records in the log"): each new
            -- record keeps its own leaf's index and the leaves whose events it erased ("3,17,42"). Records kept before
            -- have neither, and stay as they were.
            ALTER TABLE erasures ADD COLUMN log_index INTEGER;
            ALTER TABLE erasures ADD COLUMN leaves TEXT;
            CREATE UNIQUE INDEX ux_erasures_log ON erasures (account, log_index) WHERE log_index IS NOT NULL;
            -- The leaves erased before then are listed once, by one record per account, right after the migrations.
            ALTER TABLE consent_log_backfill ADD COLUMN erasures_listed INTEGER NOT NULL DEFAULT 0;
            """),
    ];
}
