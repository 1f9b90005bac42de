// Schema history. Each entry is one numbered migration, run once in a
// transaction and recorded in PRAGMA user_version. Never edit a migration that
// has shipped: add a new one.

export const MIGRATIONS: readonly string[] = [
  /* 1: plans, the section tree, review and delivery tables, search index */ `
  CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    icb_name TEXT NOT NULL CHECK (length(icb_name) BETWEEN 1 AND 200),
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    template_id TEXT NOT NULL DEFAULT 'blank',
    protective_marking TEXT NOT NULL DEFAULT 'OFFICIAL'
      CHECK (protective_marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
    partner_trusts TEXT NOT NULL DEFAULT '[]',
    places TEXT NOT NULL DEFAULT '[]',
    is_final INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE sections (
    -- seq is the stable rowid the full-text index points at (VACUUM keeps it).
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES sections(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    content TEXT NOT NULL,
    plain_text TEXT NOT NULL DEFAULT '',
    word_count INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'not_started'
      CHECK (status IN ('not_started', 'drafting', 'in_review', 'approved')),
    owner TEXT NOT NULL DEFAULT '',
    template_key TEXT,
    guidance TEXT NOT NULL DEFAULT '',
    expected_content TEXT NOT NULL DEFAULT '[]',
    checklist TEXT NOT NULL DEFAULT '[]',
    revision INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX sections_by_parent ON sections(plan_id, parent_id, position);

  CREATE TABLE section_status_log (
    id INTEGER PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    changed_at TEXT NOT NULL
  );

  CREATE TABLE commitments (
    -- seq is the stable rowid the full-text index points at (VACUUM keeps it).
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section_id TEXT REFERENCES sections(id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    priority TEXT NOT NULL DEFAULT '',
    commitment TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL DEFAULT '',
    baseline TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    target_year INTEGER,
    guidance_year TEXT NOT NULL DEFAULT '',
    lead_org TEXT NOT NULL DEFAULT '',
    rag TEXT NOT NULL DEFAULT 'not_set'
      CHECK (rag IN ('not_set', 'red', 'amber', 'green', 'complete')),
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX commitments_by_plan ON commitments(plan_id, position);

  CREATE TABLE stakeholders (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    org_type TEXT NOT NULL DEFAULT 'other',
    email TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );

  CREATE TABLE comments (
    -- seq is the stable rowid the full-text index points at (VACUUM keeps it).
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section_id TEXT REFERENCES sections(id) ON DELETE SET NULL,
    thread_id TEXT NOT NULL,
    parent_id TEXT REFERENCES comments(id) ON DELETE CASCADE,
    stakeholder_id TEXT REFERENCES stakeholders(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    quote TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    response TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'app',
    source_key TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX comments_by_section ON comments(section_id, status);
  CREATE UNIQUE INDEX comments_by_source ON comments(plan_id, source_key) WHERE source_key IS NOT NULL;

  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE VIRTUAL TABLE section_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TRIGGER section_fts_insert AFTER INSERT ON sections BEGIN
    INSERT INTO section_fts(rowid, title, body) VALUES (new.seq, new.title, new.plain_text);
  END;
  CREATE TRIGGER section_fts_update AFTER UPDATE OF title, plain_text ON sections BEGIN
    DELETE FROM section_fts WHERE rowid = old.seq;
    INSERT INTO section_fts(rowid, title, body) VALUES (new.seq, new.title, new.plain_text);
  END;
  CREATE TRIGGER section_fts_delete AFTER DELETE ON sections BEGIN
    DELETE FROM section_fts WHERE rowid = old.seq;
  END;

  CREATE VIRTUAL TABLE commitment_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TRIGGER commitment_fts_insert AFTER INSERT ON commitments BEGIN
    INSERT INTO commitment_fts(rowid, body) VALUES (new.seq,
      concat_ws(' - ', new.priority, new.commitment, new.metric, new.target, new.lead_org));
  END;
  CREATE TRIGGER commitment_fts_update AFTER UPDATE ON commitments BEGIN
    DELETE FROM commitment_fts WHERE rowid = old.seq;
    INSERT INTO commitment_fts(rowid, body) VALUES (new.seq,
      concat_ws(' - ', new.priority, new.commitment, new.metric, new.target, new.lead_org));
  END;
  CREATE TRIGGER commitment_fts_delete AFTER DELETE ON commitments BEGIN
    DELETE FROM commitment_fts WHERE rowid = old.seq;
  END;

  CREATE VIRTUAL TABLE comment_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TRIGGER comment_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comment_fts(rowid, body) VALUES (new.seq, new.body || ' ' || new.response);
  END;
  CREATE TRIGGER comment_fts_update AFTER UPDATE OF body, response ON comments BEGIN
    DELETE FROM comment_fts WHERE rowid = old.seq;
    INSERT INTO comment_fts(rowid, body) VALUES (new.seq, new.body || ' ' || new.response);
  END;
  CREATE TRIGGER comment_fts_delete AFTER DELETE ON comments BEGIN
    DELETE FROM comment_fts WHERE rowid = old.seq;
  END;
  `,

  /* 2: which comment threads each section's text carries marks for */ `
  CREATE TABLE section_marks (
    section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    thread_id TEXT NOT NULL,
    PRIMARY KEY (section_id, thread_id)
  ) WITHOUT ROWID;
  CREATE INDEX section_marks_by_thread ON section_marks(thread_id);
  CREATE INDEX comments_by_thread ON comments(thread_id, created_at);
  CREATE INDEX stakeholders_by_plan ON stakeholders(plan_id, name);
  `,

  /* 3: each Health and Wellbeing Board's opinion on the draft plan */ `
  CREATE TABLE hwb_opinions (
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    board TEXT NOT NULL,
    received_on TEXT,
    opinion TEXT NOT NULL DEFAULT '',
    takes_proper_account TEXT NOT NULL DEFAULT 'not_stated'
      CHECK (takes_proper_account IN ('yes', 'no', 'not_stated')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, board)
  ) WITHOUT ROWID;
  `,

  /* 4: each plan's export profile (house style) and board paper cover sheet, remembered */ `
  CREATE TABLE plan_export_settings (
    plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    house_style TEXT NOT NULL DEFAULT '{}',
    cover TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,

  /* 5: review copies opened from a review pack (read-only text), and where their sections came from */ `
  ALTER TABLE plans ADD COLUMN review_of TEXT;
  ALTER TABLE sections ADD COLUMN origin_id TEXT;
  `,

  /* 6: the versions table of migration 1 was never used; the versions feature will design its own */ `
  DROP TABLE IF EXISTS versions;
  `,

  /* 7: #11 the delivery table as a planning instrument: priorities, trajectories, actuals, computed RAG */ `
  CREATE TABLE plan_priorities (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    governance_group TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX plan_priorities_by_plan ON plan_priorities(plan_id, position);

  -- commitments.priority stays as a copy of the linked priority's title (the search index reads it).
  -- commitments.rag now holds the manual override ('not_set' = none); the effective status is computed.
  ALTER TABLE commitments ADD COLUMN priority_id TEXT REFERENCES plan_priorities(id) ON DELETE SET NULL;
  ALTER TABLE commitments ADD COLUMN universal_area TEXT NOT NULL DEFAULT '';
  ALTER TABLE commitments ADD COLUMN place TEXT NOT NULL DEFAULT '';
  ALTER TABLE commitments ADD COLUMN governance_group TEXT NOT NULL DEFAULT '';
  ALTER TABLE commitments ADD COLUMN direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower'));
  ALTER TABLE commitments ADD COLUMN baseline_value REAL;
  ALTER TABLE commitments ADD COLUMN baseline_date TEXT;
  ALTER TABLE commitments ADD COLUMN baseline_source TEXT NOT NULL DEFAULT '';
  ALTER TABLE commitments ADD COLUMN rag_override_reason TEXT NOT NULL DEFAULT '';
  ALTER TABLE commitments ADD COLUMN rag_override_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE commitments ADD COLUMN rag_override_at TEXT;

  CREATE TABLE commitment_trajectory (
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    planned REAL,
    PRIMARY KEY (commitment_id, year)
  ) WITHOUT ROWID;

  CREATE TABLE commitment_actuals (
    id TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );
  CREATE INDEX commitment_actuals_by_commitment ON commitment_actuals(commitment_id, date);

  -- Each plan's distinct priority texts become its priorities, in the order the table first used them.
  INSERT INTO plan_priorities (id, plan_id, position, title, created_at, updated_at)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
      plan_id, row_number() OVER (PARTITION BY plan_id ORDER BY first_position) - 1, title,
      strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT plan_id, substr(trim(priority), 1, 200) AS title, min(position) AS first_position
          FROM commitments WHERE trim(priority) <> '' GROUP BY plan_id, substr(trim(priority), 1, 200));
  UPDATE commitments SET
    priority_id = (SELECT p.id FROM plan_priorities p WHERE p.plan_id = commitments.plan_id AND p.title = substr(trim(commitments.priority), 1, 200)),
    priority = substr(trim(priority), 1, 200)
    WHERE trim(priority) <> '';
  UPDATE commitments SET priority = '' WHERE trim(priority) = '' AND priority <> '';
  UPDATE commitments SET rag_override_reason = 'Set before the status was computed from actuals', rag_override_at = updated_at
    WHERE rag <> 'not_set';
  `,

  /* 8: who the app's user is (one profile per database), and each plan's audit trail */ `
  CREATE TABLE user_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
  );

  CREATE TABLE plan_events (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    actor TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX plan_events_by_plan ON plan_events(plan_id, at);
  `,

  /* #16 versions: named snapshots of a whole plan (compressed JSON), and the plan a yearly refresh continues */ `
  CREATE TABLE plan_versions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    note TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('manual', 'automatic', 'revision', 'before-restore')),
    actor TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    size INTEGER NOT NULL,
    snapshot_schema INTEGER NOT NULL,
    snapshot BLOB NOT NULL
  );
  CREATE INDEX plan_versions_by_plan ON plan_versions(plan_id, created_at);
  ALTER TABLE plans ADD COLUMN previous_plan_id TEXT REFERENCES plans(id) ON DELETE SET NULL;
  -- Last year's section or commitment a refreshed plan's row was carried from (compare matches them across the years).
  ALTER TABLE sections ADD COLUMN carried_from TEXT;
  ALTER TABLE commitments ADD COLUMN carried_from TEXT;
  `,

  /* #15 part 2: Health and Wellbeing Boards as their own list (today's one board per place, opinions kept),
     engagement activities, the integrated care strategy's priorities and what delivers them, publication */ `
  CREATE TABLE hwb_boards (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    places TEXT NOT NULL DEFAULT '[]',
    draft_sent_on TEXT,
    received_on TEXT,
    opinion TEXT NOT NULL DEFAULT '',
    takes_proper_account TEXT NOT NULL DEFAULT 'not_stated' CHECK (takes_proper_account IN ('yes', 'no', 'not_stated')),
    opinion_on TEXT CHECK (opinion_on IN ('draft', 'final')),
    shared_nhse_on TEXT,
    final_sent_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (plan_id, name)
  );
  CREATE INDEX hwb_boards_by_plan ON hwb_boards(plan_id, position);

  -- Until now each place was a board: each becomes a board covering that place, with its opinion if one was saved.
  INSERT OR IGNORE INTO hwb_boards (id, plan_id, position, name, places, received_on, opinion, takes_proper_account, opinion_on, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), p.id, CAST(j.key AS INTEGER), substr(trim(j.value), 1, 200), json_array(j.value),
      o.received_on, coalesce(o.opinion, ''), coalesce(o.takes_proper_account, 'not_stated'),
      CASE WHEN trim(coalesce(o.opinion, '')) <> '' OR o.received_on IS NOT NULL THEN 'draft' END,
      coalesce(o.updated_at, p.created_at), coalesce(o.updated_at, p.updated_at)
    FROM plans p JOIN json_each(p.places) j LEFT JOIN hwb_opinions o ON o.plan_id = p.id AND o.board = j.value
    WHERE trim(j.value) <> '';
  -- An opinion saved for a place since removed from the plan is kept, as a board covering no place.
  INSERT OR IGNORE INTO hwb_boards (id, plan_id, position, name, places, received_on, opinion, takes_proper_account, opinion_on, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), o.plan_id, 1000 + row_number() OVER (PARTITION BY o.plan_id ORDER BY o.board), substr(o.board, 1, 200), '[]',
      o.received_on, o.opinion, o.takes_proper_account, CASE WHEN trim(o.opinion) <> '' OR o.received_on IS NOT NULL THEN 'draft' END,
      o.updated_at, o.updated_at
    FROM hwb_opinions o
    WHERE NOT EXISTS (SELECT 1 FROM hwb_boards b WHERE b.plan_id = o.plan_id AND b.name = o.board) AND length(o.board) > 0;
  DROP TABLE hwb_opinions;

  CREATE TABLE engagement_activities (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    method TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    reach INTEGER CHECK (reach IS NULL OR reach >= 0),
    partners TEXT NOT NULL DEFAULT '',
    heard TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX engagement_by_plan ON engagement_activities(plan_id, position);

  -- A priority from the Integrated Care Partnership's strategy (1) or the plan's own (0), and its source's date.
  ALTER TABLE plan_priorities ADD COLUMN from_strategy INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE plan_priorities ADD COLUMN source_date TEXT;
  -- Which sections deliver which priorities (commitments link through commitments.priority_id).
  CREATE TABLE section_priorities (
    section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    priority_id TEXT NOT NULL REFERENCES plan_priorities(id) ON DELETE CASCADE,
    PRIMARY KEY (section_id, priority_id)
  ) WITHOUT ROWID;
  CREATE INDEX section_priorities_by_priority ON section_priorities(priority_id);

  CREATE TABLE plan_publication (
    plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    published_on TEXT,
    web_address TEXT NOT NULL DEFAULT '',
    sent_to_icp_on TEXT,
    sent_to_nhse_on TEXT,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,

  /* #15: the section that is each priority's own chapter ("Our system priorities"), so renaming the priority renames it */ `
  ALTER TABLE plan_priorities ADD COLUMN section_id TEXT REFERENCES sections(id) ON DELETE SET NULL;
  `,

  /* #13 review round trip: the app user's own stakeholder row in each plan (comments "by you"),
     consent to be named in a published report, who responded and resolved, and each
     comment's anchor context (prefix and suffix), whether it was re-attached to changed
     text, and why it could not be placed */ `
  ALTER TABLE stakeholders ADD COLUMN is_self INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE stakeholders ADD COLUMN named_consent INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN response_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE comments ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE comments ADD COLUMN resolved_at TEXT NOT NULL DEFAULT '';
  ALTER TABLE comments ADD COLUMN quote_prefix TEXT NOT NULL DEFAULT '';
  ALTER TABLE comments ADD COLUMN quote_suffix TEXT NOT NULL DEFAULT '';
  ALTER TABLE comments ADD COLUMN anchor_changed INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN unplaced_reason TEXT NOT NULL DEFAULT '';
  `,

  /* #13 consultation report: the themes the author gives a thread (a JSON array of short labels, on the thread's first comment),
     by which the published report groups what was said */ `
  ALTER TABLE comments ADD COLUMN themes TEXT NOT NULL DEFAULT '';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The oldest schema this version reads as it is, without migrating: a command
 * that only reads opens the file read-only and refuses anything older. Raise it
 * to SCHEMA_VERSION with a migration that changes what is read (a new column,
 * a new table); leave it with one that does not. Migration 6 only drops a
 * table nothing reads, so a file from the release before it is still read
 * (jfp plans, jfp export) until the app or a writing command migrates it.
 * Migration 7 adds what the delivery table reads (#11), so it raises this to 7.
 * Migration 8 adds tables only the app and writing commands read (the user's
 * profile, the audit trail): a reading command on a schema-7 file does not need
 * them, so this stays at 7 until a reading command reads them.
 * #15 part 2 moves the Health and Wellbeing Boards to their own table, which
 * jfp export and jfp hwb read: so this is raised to that migration. (#15's
 * jfp check, a reading command, reads the audit trail of migration 8: covered.)
 */
export const READABLE_FROM = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE hwb_boards')) + 1;
