-- Adults who sign themselves up as learners of a country, face-to-face
-- trainings, the train-the-trainer path and its cascade, and the running
-- totals the country reports read.

-- The audience a learner belongs to (an id of content/learn: parents,
-- educators, industry, government, trainers) and, only if they want
-- password resets, an email address.  A country's coordinator can switch
-- self sign-up off.
ALTER TABLE users ADD COLUMN audience TEXT;
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE countries ADD COLUMN signup_open INTEGER NOT NULL DEFAULT 1 CHECK (signup_open IN (0, 1));

-- A face-to-face (or live online) training.  kind: "training" for anyone
-- of its audience, "tot" a train-the-trainer session (phase 2 of the path),
-- "supervised" a candidate's first delivery (phase 3), confirmed by a
-- certified trainer or a coordinator.  attendees counts the registrations
-- marked attended, so the reports never count them again.
CREATE TABLE trainings (
    id @id,
    country TEXT NOT NULL REFERENCES countries (code),
    trainer_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('training', 'tot', 'supervised')),
    course TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL,
    audience TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 1 AND capacity <= 500),
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    attendees INTEGER NOT NULL DEFAULT 0,
    confirmed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    confirmed_at BIGINT,
    CHECK (ends_at > starts_at)
);

CREATE INDEX trainings_country ON trainings (country, starts_at);
CREATE INDEX trainings_trainer ON trainings (trainer_id);

-- A place in a training, or on its waiting list (status "waiting", in the
-- order of queued_at then id), or given up ("cancelled").
CREATE TABLE registrations (
    id @id,
    training_id BIGINT NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    status TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
    queued_at BIGINT NOT NULL,
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    feedback_sent INTEGER NOT NULL DEFAULT 0 CHECK (feedback_sent IN (0, 1)),
    UNIQUE (training_id, user_id)
);

CREATE INDEX registrations_user ON registrations (user_id);

-- The feedback survey: anonymous, so it names the training and nothing
-- else; the registration only records that its feedback was sent.
CREATE TABLE training_feedback (
    id @id,
    training_id BIGINT NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    useful INTEGER NOT NULL CHECK (useful >= 1 AND useful <= 5),
    clear INTEGER NOT NULL CHECK (clear >= 1 AND clear <= 5),
    confident INTEGER NOT NULL CHECK (confident >= 1 AND confident <= 5),
    recommend INTEGER NOT NULL CHECK (recommend >= 1 AND recommend <= 5)
);

CREATE INDEX training_feedback_training ON training_feedback (training_id);

-- A certificate of attendance names its training.
ALTER TABLE certificates ADD COLUMN training_id BIGINT REFERENCES trainings (id) ON DELETE SET NULL;

-- The train-the-trainer cascade: one node per person who trains.  A
-- certified trainer's parent is who ran the train-the-trainer session
-- they attended; coordinators and trainers given the role directly are
-- roots (parent_id NULL, certified_at NULL).  The totals are kept as
-- things happen: reached counts attendances at the node's own trainings,
-- reached_below those of every trainer below it, trainers_below how many
-- certified trainers are below it.
CREATE TABLE cascade (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    country TEXT NOT NULL REFERENCES countries (code),
    parent_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    certified_at BIGINT,
    tot_training BIGINT REFERENCES trainings (id) ON DELETE SET NULL,
    supervised_training BIGINT REFERENCES trainings (id) ON DELETE SET NULL,
    sessions INTEGER NOT NULL DEFAULT 0,
    reached INTEGER NOT NULL DEFAULT 0,
    reached_below INTEGER NOT NULL DEFAULT 0,
    trainers_below INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX cascade_parent ON cascade (country, parent_id);

-- Running totals for the country reports, changed in the transaction of
-- what they count, so a report reads a few rows whatever the country's
-- size.  course and audience are '' where the figure is not per course or
-- per audience.  Metrics: learners, enrolled, completed, lessons,
-- attempts, passed, certificates, sessions, attended, trainers, and
-- feedback_n with feedback_useful / _clear / _confident / _recommend (sums).
CREATE TABLE learn_totals (
    country TEXT NOT NULL,
    course TEXT NOT NULL,
    audience TEXT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (country, course, audience, metric)
);

-- The totals of what was recorded before this migration.
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT country, '', '', 'learners', COUNT(*) FROM users
    WHERE role = 'learner' AND country IS NOT NULL GROUP BY country;
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT country, course, '', 'enrolled', COUNT(*) FROM enrolments
    WHERE country IS NOT NULL GROUP BY country, course;
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT country, course, '', 'completed', COUNT(*) FROM enrolments
    WHERE country IS NOT NULL AND completed_at IS NOT NULL GROUP BY country, course;
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT e.country, e.course, '', 'lessons', COUNT(*) FROM lesson_views v
    JOIN enrolments e ON e.id = v.enrolment_id WHERE e.country IS NOT NULL
    GROUP BY e.country, e.course;
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT e.country, e.course, '', 'attempts', COUNT(*) FROM quiz_attempts a
    JOIN enrolments e ON e.id = a.enrolment_id
    WHERE e.country IS NOT NULL AND a.submitted_at IS NOT NULL GROUP BY e.country, e.course;
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT e.country, e.course, '', 'passed', COUNT(*) FROM quiz_attempts a
    JOIN enrolments e ON e.id = a.enrolment_id
    WHERE e.country IS NOT NULL AND a.passed = 1 GROUP BY e.country, e.course;
INSERT INTO learn_totals (country, course, audience, metric, n)
    SELECT country, course, '', 'certificates', COUNT(*) FROM certificates
    WHERE country IS NOT NULL AND revoked_at IS NULL GROUP BY country, course;
