-- Each session keeps its own random CSRF token, read together with the
-- session, so no keyed hash is computed on every request.  Sessions made
-- before this have none and end (their users sign in again).
ALTER TABLE sessions ADD COLUMN csrf TEXT NOT NULL DEFAULT '';
