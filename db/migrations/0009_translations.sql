-- The translation workflow of the guidelines library: languages as data,
-- who translates and reviews which language, every translated unit with
-- its state and history, comments, a glossary per language, and how often
-- each set is downloaded in each language.

-- Every language content can be translated into, English (the source)
-- included.  code: an ISO 639 code (2 or 3 letters, optionally a region
-- or script: "pt-BR", "zh-Hant"); name: in the language itself;
-- plural_forms: the gettext Plural-Forms header ("nplurals=2; plural=(n != 1);").
CREATE TABLE languages (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    english_name TEXT NOT NULL,
    dir TEXT NOT NULL CHECK (dir IN ('ltr', 'rtl')),
    plural_forms TEXT NOT NULL,
    added_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    added_at BIGINT NOT NULL
);

INSERT INTO languages (code, name, english_name, dir, plural_forms, added_at) VALUES
    ('en', 'English', 'English', 'ltr', 'nplurals=2; plural=(n != 1);', 0),
    ('ar', 'العربية', 'Arabic', 'rtl',
     'nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);', 0),
    ('es', 'Español', 'Spanish', 'ltr', 'nplurals=2; plural=(n != 1);', 0),
    ('fr', 'Français', 'French', 'ltr', 'nplurals=2; plural=(n > 1);', 0),
    ('ru', 'Русский', 'Russian', 'ltr',
     'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);', 0),
    ('zh', '中文', 'Chinese', 'ltr', 'nplurals=1; plural=0;', 0);

-- The languages a translator or reviewer works on (given by their
-- country's coordinator or an admin).
CREATE TABLE language_staff (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lang TEXT NOT NULL REFERENCES languages (code) ON DELETE CASCADE,
    PRIMARY KEY (user_id, lang)
);

-- A unit's translation made in this deployment (a unit with no row is
-- untranslated here; the shipped translation in content/ is used until
-- one is approved).  source: the English it was made from; when the
-- English changes, the translation needs editing again.  version grows
-- with every change, so an edit made from an older version is refused.
CREATE TABLE translations (
    set_name TEXT NOT NULL,
    unit TEXT NOT NULL,
    lang TEXT NOT NULL REFERENCES languages (code) ON DELETE CASCADE,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('needs-editing', 'waiting-review', 'approved')),
    version INTEGER NOT NULL,
    changed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (set_name, unit, lang)
);

CREATE INDEX translations_lang ON translations (lang, state);

-- Every version of every unit, the current one included.
CREATE TABLE translation_history (
    id @id,
    set_name TEXT NOT NULL,
    unit TEXT NOT NULL,
    lang TEXT NOT NULL REFERENCES languages (code) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL,
    changed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    changed_at BIGINT NOT NULL
);

CREATE INDEX translation_history_unit ON translation_history (set_name, unit, lang, version);

-- Notes about a unit in a language, between translators and reviewers.
CREATE TABLE translation_comments (
    id @id,
    set_name TEXT NOT NULL,
    unit TEXT NOT NULL,
    lang TEXT NOT NULL REFERENCES languages (code) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    text TEXT NOT NULL
);

CREATE INDEX translation_comments_unit ON translation_comments (set_name, unit, lang);

-- A language's glossary: an English term and its approved translation.
CREATE TABLE glossary (
    lang TEXT NOT NULL REFERENCES languages (code) ON DELETE CASCADE,
    term TEXT NOT NULL,
    translation TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (lang, term)
);

-- Downloads of a set (kind: pdf or bundle) per language, counted.
CREATE TABLE library_downloads (
    set_name TEXT NOT NULL,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'bundle')),
    count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (set_name, lang, kind)
);
