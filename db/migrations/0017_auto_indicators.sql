-- Indicators that cophub fills in itself.  An indicator's source is
-- "people" (values entered, then approved, in indicator_values) or one of
-- cophub's own figures; a computed indicator has a frequency (its periods
-- are years, quarters or months of the plan) and the time its values were
-- last computed.  SQLite cannot change a CHECK constraint, so the
-- computed values live in a table of their own rather than as a new
-- status of indicator_values.

ALTER TABLE plan_indicators ADD COLUMN source TEXT NOT NULL DEFAULT 'people'
    CHECK (source IN ('people', 'children_played', 'adults_trained', 'adults_certified',
                      'trainers_certified', 'cascade_reach', 'guideline_languages'));
ALTER TABLE plan_indicators ADD COLUMN frequency TEXT
    CHECK (frequency IS NULL OR frequency IN ('year', 'quarter', 'month'));
ALTER TABLE plan_indicators ADD COLUMN computed_at BIGINT;

-- A computed value per period (2026, 2026-Q1, 2026-03) and when it was
-- computed.  value is NULL for a count of children under 5: the number is
-- not kept, and the page says "fewer than 5".
CREATE TABLE indicator_computed (
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    period TEXT NOT NULL,
    value DOUBLE PRECISION,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (indicator_id, period)
);
