-- The policy module's national strategy: a document written in cophub
-- section by section, each section with its versions, and the map of the
-- institutions that carry it.  A strategy may start from an assessment:
-- a section for each of its gaps.

CREATE TABLE strategies (
    id @id,
    country TEXT NOT NULL REFERENCES countries (code),
    title TEXT NOT NULL,
    assessment_id BIGINT REFERENCES assessments (id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX strategies_country ON strategies (country, created_at);

-- A section: key is "vision", "objectives" or "gap-CAPABILITY"; position
-- orders them; version counts its saves, so that two people editing the
-- same section cannot overwrite each other unseen.
CREATE TABLE strategy_sections (
    strategy_id BIGINT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    country TEXT NOT NULL REFERENCES countries (code),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (strategy_id, key)
);

-- Every version of every section, the first included.
CREATE TABLE strategy_section_history (
    strategy_id BIGINT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    country TEXT NOT NULL REFERENCES countries (code),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    edited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    edited_at BIGINT NOT NULL,
    PRIMARY KEY (strategy_id, key, version)
);

-- The stakeholder map: an institution and its role in the strategy.
CREATE TABLE strategy_stakeholders (
    id @id,
    strategy_id BIGINT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    institution TEXT NOT NULL,
    role TEXT NOT NULL,
    leads INTEGER NOT NULL DEFAULT 0 CHECK (leads IN (0, 1))
);

CREATE INDEX strategy_stakeholders_strategy ON strategy_stakeholders (strategy_id);
