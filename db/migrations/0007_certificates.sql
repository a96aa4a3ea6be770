-- Certificates: one per completed enrolment (kind "completion"), with the
-- name the holder typed for it, the signed payload printed in its QR code,
-- and its revocation.  The code is what /verify/CODE looks up.  Deleting
-- an account deletes its certificates, which then no longer verify.

CREATE TABLE certificates (
    id @id,
    code TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    enrolment_id BIGINT REFERENCES enrolments (id) ON DELETE SET NULL,
    country TEXT REFERENCES countries (code),
    course TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('completion', 'attendance', 'trainer')),
    name TEXT NOT NULL,
    lang TEXT NOT NULL,
    issued_day TEXT NOT NULL,
    payload TEXT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT
);

CREATE INDEX certificates_user ON certificates (user_id);
CREATE INDEX certificates_country ON certificates (country, course);
