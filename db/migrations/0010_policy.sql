-- The policy module's national self-assessment against the maturity
-- framework (content/policy/framework.txt): a country's assessments, the
-- people invited to contribute, what each of them says of each capability,
-- and the one consolidated answer a coordinator decides from theirs.

-- An assessment of a country, dated by its creation; closed_at is when a
-- coordinator closed it (its answers no longer change).
CREATE TABLE assessments (
    id @id,
    country TEXT NOT NULL REFERENCES countries (code),
    title TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);

CREATE INDEX assessments_country ON assessments (country, created_at);

-- Stakeholders invited to an assessment (accounts of its country); the
-- country's coordinators contribute without an invitation.
CREATE TABLE assessment_contributors (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    invited_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, user_id)
);

-- What one contributor says of one capability (its id in the framework):
-- the level (1 to 4), how sure they are, the evidence and links (one URL a
-- line).
CREATE TABLE assessment_answers (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    capability TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    confidence TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
    evidence TEXT NOT NULL DEFAULT '',
    links TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, capability, user_id)
);

-- The assessment's answer for a capability, decided by a coordinator.
CREATE TABLE assessment_results (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    capability TEXT NOT NULL,
    country TEXT NOT NULL REFERENCES countries (code),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    confidence TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
    evidence TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, capability)
);
