-- Answers given outside a class (nearly all of them) have no class: the
-- class index keeps only the rows that have one, so that storing an
-- anonymous answer updates one index, not two.  The class reports ask
-- for class_id = ?, which implies IS NOT NULL, so they still use it.
DROP INDEX play_events_class;
CREATE INDEX play_events_class ON play_events (class_id, scenario) WHERE class_id IS NOT NULL;
