-- Documents a contributor uploads as evidence for a capability of a
-- self-assessment (a law, a report, a plan): kept in the database, so
-- every process serving it reads the same files.  content_type is the one
-- cophub recognised from the file's bytes, never the one the browser sent.
CREATE TABLE assessment_documents (
    id @id,
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    capability TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    country TEXT NOT NULL REFERENCES countries (code),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    data @blob NOT NULL,
    uploaded_at BIGINT NOT NULL
);

CREATE INDEX assessment_documents_capability ON assessment_documents (assessment_id, capability);
