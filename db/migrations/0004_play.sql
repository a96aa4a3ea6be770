-- The children's game.  A child has no account: anonymous answers keep no
-- identifier at all; in a class, a child is a pseudonymous member (a
-- generated nickname and a random id, nothing else).  Days, not times.

CREATE TABLE classes (
    id @id,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    country TEXT NOT NULL REFERENCES countries (code),
    owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

CREATE INDEX classes_owner ON classes (owner_id);

CREATE TABLE class_members (
    id @id,
    class_id BIGINT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    nickname TEXT NOT NULL,
    joined_day TEXT NOT NULL,
    UNIQUE (class_id, nickname)
);

CREATE TABLE play_events (
    id @id,
    day TEXT NOT NULL,
    country TEXT,
    lang TEXT NOT NULL,
    band TEXT NOT NULL,
    scenario TEXT NOT NULL,
    step TEXT NOT NULL,
    choice TEXT NOT NULL,
    safe INTEGER NOT NULL CHECK (safe IN (0, 1, 2)),
    class_id BIGINT REFERENCES classes (id) ON DELETE CASCADE,
    member_id BIGINT REFERENCES class_members (id) ON DELETE CASCADE
);

CREATE INDEX play_events_class ON play_events (class_id, scenario);
CREATE INDEX play_events_day ON play_events (day, country);

-- Offline answers arrive in batches with a random id; a batch is kept
-- once, however often the browser sends it.
CREATE TABLE play_batches (
    id TEXT PRIMARY KEY,
    day TEXT NOT NULL
);

-- A country's child helpline and reporting service, as its coordinator
-- edits them; content/help/helplines.txt gives the shipped values.
CREATE TABLE helplines (
    country TEXT PRIMARY KEY REFERENCES countries (code) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    report TEXT NOT NULL DEFAULT '',
    emergency TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
