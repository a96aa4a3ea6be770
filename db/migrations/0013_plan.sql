-- The implementation plan of a national strategy: actions, each under an
-- objective of the strategy (the key of one of its sections), with a lead
-- institution, partners, dates, a budget, a weight, a status and its
-- progress; and their milestones.  Dates are days (YYYY-MM-DD as the
-- number of seconds at 00:00 UTC).

CREATE TABLE plan_actions (
    id @id,
    strategy_id BIGINT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    objective TEXT NOT NULL,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    partners TEXT NOT NULL DEFAULT '',
    starts_on BIGINT NOT NULL,
    ends_on BIGINT NOT NULL,
    budget BIGINT CHECK (budget IS NULL OR budget >= 0),
    weight INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 10),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done', 'stopped')),
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE INDEX plan_actions_strategy ON plan_actions (strategy_id, starts_on);

CREATE TABLE plan_milestones (
    id @id,
    action_id BIGINT NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    title TEXT NOT NULL,
    due_on BIGINT NOT NULL,
    done_on BIGINT
);

CREATE INDEX plan_milestones_action ON plan_milestones (action_id, due_on);
