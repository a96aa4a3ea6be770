-- The adults' courses: who is enrolled in which course (by themselves or
-- by a trainer or coordinator), the lessons they have opened (to resume
-- where they were) and their quiz attempts.  A course is named by its
-- folder in content/learn/, a quiz by its module's id or "final".

CREATE TABLE enrolments (
    id @id,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    country TEXT REFERENCES countries (code),
    course TEXT NOT NULL,
    enrolled_at BIGINT NOT NULL,
    enrolled_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    completed_at BIGINT,
    UNIQUE (user_id, course)
);

CREATE INDEX enrolments_country ON enrolments (country, course);

CREATE TABLE lesson_views (
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    lesson TEXT NOT NULL,
    viewed_at BIGINT NOT NULL,
    PRIMARY KEY (enrolment_id, lesson)
);

-- An attempt is named by a random token in the quiz's form, so no one can
-- send answers for another person's attempt; the order its questions and
-- options were shown in is kept ("3:bca 1:ab ..."), and it is marked sent
-- once, so a second submission records nothing.
CREATE TABLE quiz_attempts (
    id @id,
    token TEXT NOT NULL UNIQUE,
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    quiz TEXT NOT NULL,
    questions TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    submitted_at BIGINT,
    score INTEGER,
    passed INTEGER CHECK (passed IN (0, 1))
);

CREATE INDEX quiz_attempts_enrolment ON quiz_attempts (enrolment_id, quiz);
