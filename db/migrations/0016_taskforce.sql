-- National child taskforces: a country's taskforce, its meetings (agenda,
-- minutes, who came), its members and its recommendations, each answered
-- by the government side ("you said, we did") and linked to the plan
-- action it changed.
--
-- Adult members are accounts of the country.  A child member is no more
-- than a nickname, an age band and the record of the guardian's consent
-- (who gave it, the day, how), written by a coordinator before the child
-- is admitted.  Removing a child deletes their row, their consent record,
-- their attendance and the link to the recommendations they proposed;
-- those recommendations stay as the taskforce's own, linked to no one.

CREATE TABLE taskforces (
    id @id,
    country TEXT NOT NULL UNIQUE REFERENCES countries (code),
    name TEXT NOT NULL,
    mandate TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE taskforce_members (
    id @id,
    taskforce_id BIGINT NOT NULL REFERENCES taskforces (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    UNIQUE (taskforce_id, user_id)
);

CREATE INDEX taskforce_members_user ON taskforce_members (user_id);

CREATE TABLE taskforce_children (
    id @id,
    taskforce_id BIGINT NOT NULL REFERENCES taskforces (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    nickname TEXT NOT NULL,
    age_band TEXT NOT NULL CHECK (age_band IN ('9-12', '13-17')),
    admitted_at BIGINT NOT NULL,
    UNIQUE (taskforce_id, nickname)
);

-- The guardian's consent, one per child, written before the child's row
-- may be used: who gave it (a name or a relationship, as the coordinator
-- wrote it), the day and the way it was given.
CREATE TABLE taskforce_consents (
    id @id,
    child_id BIGINT NOT NULL UNIQUE REFERENCES taskforce_children (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    guardian TEXT NOT NULL,
    given_on BIGINT NOT NULL,
    given_how TEXT NOT NULL CHECK (given_how IN ('paper', 'in-person', 'message', 'email', 'phone')),
    recorded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at BIGINT NOT NULL
);

CREATE TABLE taskforce_meetings (
    id @id,
    taskforce_id BIGINT NOT NULL REFERENCES taskforces (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    held_on BIGINT NOT NULL,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX taskforce_meetings_taskforce ON taskforce_meetings (taskforce_id, held_on);

-- Who came to a meeting: an adult member or a child member.
CREATE TABLE taskforce_attendance (
    id @id,
    meeting_id BIGINT NOT NULL REFERENCES taskforce_meetings (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    member_id BIGINT REFERENCES taskforce_members (id) ON DELETE CASCADE,
    child_id BIGINT REFERENCES taskforce_children (id) ON DELETE CASCADE,
    CHECK ((member_id IS NULL) <> (child_id IS NULL))
);

CREATE INDEX taskforce_attendance_meeting ON taskforce_attendance (meeting_id);
CREATE INDEX taskforce_attendance_child ON taskforce_attendance (child_id);

-- A recommendation and the government's answer: its status, the
-- response, the plan action it changed (of a strategy of the same
-- country).
CREATE TABLE taskforce_recommendations (
    id @id,
    taskforce_id BIGINT NOT NULL REFERENCES taskforces (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    meeting_id BIGINT REFERENCES taskforce_meetings (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'considering',
        'accepted', 'partly', 'done', 'declined')),
    response TEXT NOT NULL DEFAULT '',
    action_id BIGINT REFERENCES plan_actions (id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    answered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answered_at BIGINT
);

CREATE INDEX taskforce_recommendations_taskforce ON taskforce_recommendations (taskforce_id, created_at);

-- Which child members proposed a recommendation; removing a child removes
-- the link, never the recommendation.
CREATE TABLE taskforce_proposers (
    id @id,
    recommendation_id BIGINT NOT NULL REFERENCES taskforce_recommendations (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    child_id BIGINT NOT NULL REFERENCES taskforce_children (id) ON DELETE CASCADE,
    UNIQUE (recommendation_id, child_id)
);

CREATE INDEX taskforce_proposers_child ON taskforce_proposers (child_id);
