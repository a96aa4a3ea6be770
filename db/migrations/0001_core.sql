-- The foundation: settings, countries, adult accounts, sessions, login
-- throttling, invitations and the audit trail.  Times are seconds since
-- the epoch (BIGINT); flags are 0 or 1.  See db/README.md for the rules
-- every migration follows.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE countries (
    code TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = upper(code)),
    default_lang TEXT NOT NULL,
    dir TEXT NOT NULL CHECK (dir IN ('ltr', 'rtl')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE country_names (
    code TEXT NOT NULL REFERENCES countries (code) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (code, lang)
);

CREATE TABLE users (
    id @id,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'trainer', 'translator',
        'reviewer', 'validator', 'moderator', 'learner')),
    country TEXT REFERENCES countries (code),
    password_hash TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at BIGINT NOT NULL,
    CHECK ((role = 'admin' AND country IS NULL) OR (role <> 'admin' AND country IS NOT NULL))
);

CREATE INDEX users_country ON users (country);

-- A session is found by the SHA-256 of its token; the token itself is
-- only ever in the browser's cookie.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins, per account name (known or not) and, when the browser
-- showed a device cookie of an earlier successful login, per device.
CREATE TABLE login_failures (
    id @id,
    username TEXT NOT NULL,
    device TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);

CREATE INDEX login_failures_name ON login_failures (username, device, at);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Who changed what, for accountability.  Never holds passwords or tokens.
CREATE TABLE audit_log (
    id @id,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    country TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_country ON audit_log (country, at);
