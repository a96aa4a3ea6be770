-- The validation of national implementation plans, and what a country
-- chooses to publish.
--
-- A coordinator submits the plan of a strategy for validation: cophub
-- keeps the plan as it stands then (the strategy's sections, the actions
-- with their milestones, the indicators) as a version that never changes.
-- A validator comments on its sections and actions, then returns it or
-- validates it; a validated version keeps the PDF made at that moment.
-- Only one version of a strategy may be under review at a time.

CREATE TABLE plan_versions (
    id @id,
    strategy_id BIGINT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'validated')),
    -- the plan as submitted, as JSON (see src/policy/review.c)
    snapshot TEXT NOT NULL,
    submitted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    submitted_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT,
    decision_note TEXT NOT NULL DEFAULT '',
    pdf @blob,
    UNIQUE (strategy_id, version)
);

CREATE INDEX plan_versions_status ON plan_versions (status, submitted_at);
CREATE INDEX plan_versions_country ON plan_versions (country, status);

-- A validator's comment on a part of a submitted version: target is
-- "section:KEY", "action:ID" or "plan" for the whole.
CREATE TABLE plan_comments (
    id @id,
    version_id BIGINT NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    target TEXT NOT NULL,
    body TEXT NOT NULL,
    author BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX plan_comments_version ON plan_comments (version_id, target);

-- A strategy is a draft until its coordinator records the day it was
-- adopted.
ALTER TABLE strategies ADD COLUMN adopted_on BIGINT;

-- Whether the country's policy figures (maturity, strategy, plan,
-- indicators) appear on the public dashboard; the reach of the digital
-- skills work (aggregated) always does.
ALTER TABLE countries ADD COLUMN publish_policy INTEGER NOT NULL DEFAULT 0 CHECK (publish_policy IN (0, 1));
