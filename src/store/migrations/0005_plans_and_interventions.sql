-- user_version 4 -> 5: plan templates, patients' plans, the interventions of
-- each visit, the dry-needling record (screening, consent, insertions), and
-- the clinic's details for printed documents.

-- A clinic's plan templates, seeded from assets/plans/templates.json.
-- body is the plan as JSON (checked by the program before it is written).
CREATE TABLE plan_template (
    id           INTEGER PRIMARY KEY,
    -- The id of the shipped template it was seeded from; NULL for the clinic's own.
    shipped_key  TEXT UNIQUE,
    name         TEXT NOT NULL CHECK (length(name) > 0),
    body         TEXT NOT NULL CHECK (json_valid(body)),
    retired_at   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- A patient's plan, one row per version; a version is never changed.
CREATE TABLE patient_plan (
    id           INTEGER PRIMARY KEY,
    patient_id   INTEGER NOT NULL REFERENCES patient (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    template_id  INTEGER REFERENCES plan_template (id),
    body         TEXT NOT NULL CHECK (json_valid(body)),
    reason       TEXT NOT NULL DEFAULT '',
    created_by   INTEGER NOT NULL REFERENCES practitioner (id),
    created_at   TEXT NOT NULL,
    UNIQUE (patient_id, version)
) STRICT;

CREATE INDEX patient_plan_by_template ON patient_plan (template_id);
CREATE INDEX patient_plan_by_practitioner ON patient_plan (created_by);

-- What was done at a visit, one structured row per intervention.
CREATE TABLE intervention (
    id             INTEGER PRIMARY KEY,
    visit_id       INTEGER NOT NULL REFERENCES visit (id),
    kind           TEXT NOT NULL CHECK (kind IN ('mobilization', 'soft_tissue', 'craniosacral',
                       'stretching', 'exercise', 'education', 'other')),
    -- A technique, soft-tissue, exercise or education id of the content.
    code           TEXT NOT NULL DEFAULT '',
    level          TEXT,
    grade          TEXT CHECK (grade IN ('I', 'II', 'III', 'IV', 'V')),
    region         TEXT NOT NULL DEFAULT '',
    sets           INTEGER CHECK (sets > 0),
    reps           INTEGER CHECK (reps > 0),
    hold_secs      INTEGER CHECK (hold_secs > 0),
    per_side       INTEGER NOT NULL DEFAULT 0 CHECK (per_side IN (0, 1)),
    times_per_day  INTEGER CHECK (times_per_day > 0),
    days_per_week  INTEGER CHECK (days_per_week BETWEEN 1 AND 7),
    exercise_step  TEXT CHECK (exercise_step IN ('reviewed', 'progressed', 'regressed', 'new', 'stopped')),
    minutes        INTEGER CHECK (minutes > 0),
    response       TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    from_plan      INTEGER NOT NULL DEFAULT 0 CHECK (from_plan IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX intervention_by_visit ON intervention (visit_id);

-- Screening before dry needling; the newest row is the one on file.
-- flagged holds the ids of the screening items answered yes.
CREATE TABLE needling_screening (
    id           INTEGER PRIMARY KEY,
    patient_id   INTEGER NOT NULL REFERENCES patient (id),
    flagged      TEXT NOT NULL CHECK (json_valid(flagged) AND json_type(flagged) = 'array'),
    note         TEXT NOT NULL DEFAULT '',
    screened_by  INTEGER NOT NULL REFERENCES practitioner (id),
    screened_at  TEXT NOT NULL
) STRICT;

CREATE INDEX needling_screening_by_patient ON needling_screening (patient_id);
CREATE INDEX needling_screening_by_practitioner ON needling_screening (screened_by);

-- Consent to dry needling. explained holds the ids of the points explained.
CREATE TABLE needling_consent (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patient (id),
    form          TEXT NOT NULL CHECK (form IN ('written', 'verbal')),
    explained     TEXT NOT NULL CHECK (json_valid(explained) AND json_type(explained) = 'array'),
    note          TEXT NOT NULL DEFAULT '',
    recorded_by   INTEGER NOT NULL REFERENCES practitioner (id),
    consented_on  TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX needling_consent_by_patient ON needling_consent (patient_id);
CREATE INDEX needling_consent_by_practitioner ON needling_consent (recorded_by);

-- One needled site at a visit.
CREATE TABLE needling (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visit (id),
    finding_id      INTEGER REFERENCES finding (id),
    muscle          TEXT NOT NULL CHECK (length(muscle) > 0),
    side            TEXT NOT NULL CHECK (side IN ('left', 'right')),
    needle          TEXT NOT NULL CHECK (length(needle) > 0),
    needles_in      INTEGER NOT NULL CHECK (needles_in >= 1),
    needles_out     INTEGER NOT NULL DEFAULT 0 CHECK (needles_out >= 0 AND needles_out <= needles_in),
    technique       TEXT NOT NULL CHECK (technique IN ('static', 'pistoning', 'electrical')),
    depth           TEXT NOT NULL DEFAULT '',
    retention_secs  INTEGER CHECK (retention_secs >= 0),
    twitch_count    INTEGER NOT NULL DEFAULT 0 CHECK (twitch_count >= 0),
    familiar_pain   INTEGER NOT NULL DEFAULT 0 CHECK (familiar_pain IN (0, 1)),
    response        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX needling_by_visit ON needling (visit_id);
CREATE INDEX needling_by_finding ON needling (finding_id);

-- After needling, once per visit (CLINICAL.md section 4).
CREATE TABLE needling_aftercare (
    visit_id            INTEGER PRIMARY KEY REFERENCES visit (id),
    sharps_disposed     INTEGER NOT NULL DEFAULT 0 CHECK (sharps_disposed IN (0, 1)),
    immediate_response  TEXT NOT NULL DEFAULT '',
    advice              TEXT NOT NULL DEFAULT '',
    adverse_events      TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The clinic's own details for the header of every printed document.
CREATE TABLE clinic_setting (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    name     TEXT NOT NULL DEFAULT '',
    address  TEXT NOT NULL DEFAULT '',
    phone    TEXT NOT NULL DEFAULT '',
    email    TEXT NOT NULL DEFAULT '',
    paper    TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'letter')),
    -- An optional logo for the header: PNG or JPEG bytes, at most 2 MB.
    logo     BLOB CHECK (logo IS NULL OR length(logo) <= 2000000)
) STRICT;

-- Each printed or exported document, so the chart shows what was handed out.
CREATE TABLE document_export (
    id               INTEGER PRIMARY KEY,
    patient_id       INTEGER NOT NULL REFERENCES patient (id),
    visit_id         INTEGER REFERENCES visit (id),
    kind             TEXT NOT NULL CHECK (kind IN ('visit_note', 'handout', 'progress_report')),
    action           TEXT NOT NULL CHECK (action IN ('export', 'print', 'open')),
    path             TEXT NOT NULL DEFAULT '',
    practitioner_id  INTEGER REFERENCES practitioner (id),
    created_at       TEXT NOT NULL
) STRICT;

CREATE INDEX document_export_by_patient ON document_export (patient_id);
CREATE INDEX document_export_by_visit ON document_export (visit_id);
CREATE INDEX document_export_by_practitioner ON document_export (practitioner_id);
