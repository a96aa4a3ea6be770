-- The implementation plan's indicators and their values per period.  A
-- value is entered, then approved by a coordinator; an approved value
-- never changes: entering another for the same period makes a new
-- version, which replaces it once approved.  Numbers are kept as double
-- precision (REAL in SQLite).

CREATE TABLE plan_indicators (
    id @id,
    strategy_id BIGINT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    objective TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT NOT NULL,
    baseline DOUBLE PRECISION NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    -- this indicator's value in a period may not exceed that one's
    not_above BIGINT REFERENCES plan_indicators (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX plan_indicators_strategy ON plan_indicators (strategy_id);

CREATE TABLE indicator_values (
    id @id,
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    period TEXT NOT NULL,
    version INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('entered', 'approved', 'replaced')),
    entered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    entered_at BIGINT NOT NULL,
    approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    approved_at BIGINT,
    UNIQUE (indicator_id, period, version)
);

CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, period);
