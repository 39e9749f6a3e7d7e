-- Palpate: the whole current schema (user_version 6), applied to an empty file.
-- Older files are brought here step by step by src/store/migrations/.
-- Every table is STRICT; times are RFC 3339 UTC text; dates are ISO yyyy-mm-dd.

CREATE TABLE practitioner (
    id            INTEGER PRIMARY KEY,
    display_name  TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    credentials   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE patient (
    id                 INTEGER PRIMARY KEY,
    chart_number       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(chart_number)) > 0),
    given_name         TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name        TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    preferred_name     TEXT NOT NULL DEFAULT '',
    date_of_birth      TEXT NOT NULL CHECK (date(date_of_birth) IS date_of_birth),
    sex                TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    emergency_contact  TEXT NOT NULL DEFAULT '',
    referral_source    TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    archived           INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    -- The phone's digits alone, for search; validation allows only digits, spaces and + - ( ) .
    phone_digits       TEXT GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')) VIRTUAL,
    -- Names with the letters that Unicode does not decompose (ø, æ, ł, ß, …)
    -- spelled in plain Latin, so that "odegaard" finds "Ødegaard"; the search
    -- index folds the remaining accents itself.
    search_names       TEXT GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(given_name || ' ' || family_name || ' ' || preferred_name, 'Ø', 'O'), 'ø', 'o'), 'Æ', 'Ae'), 'æ', 'ae'), 'Đ', 'D'), 'đ', 'd'), 'Ł', 'L'), 'ł', 'l'), 'ß', 'ss'), 'Œ', 'Oe'), 'œ', 'oe'), 'Þ', 'Th'), 'þ', 'th'), 'ı', 'i')) VIRTUAL
) STRICT;

-- The patient list is shown in name order; this index serves it without a sort.
CREATE INDEX patient_by_name ON patient (archived, family_name COLLATE NOCASE, given_name COLLATE NOCASE, id);

CREATE TABLE visit (
    id               INTEGER PRIMARY KEY,
    patient_id       INTEGER NOT NULL REFERENCES patient (id),
    practitioner_id  INTEGER NOT NULL REFERENCES practitioner (id),
    started_at       TEXT NOT NULL,
    visit_type       TEXT NOT NULL CHECK (visit_type IN ('initial_evaluation', 'follow_up', 're_evaluation', 'discharge')),
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    chief_complaint  TEXT NOT NULL DEFAULT '',
    subjective       TEXT NOT NULL DEFAULT '',
    objective        TEXT NOT NULL DEFAULT '',
    assessment       TEXT NOT NULL DEFAULT '',
    plan             TEXT NOT NULL DEFAULT '',
    signed_at        TEXT,
    signed_by        INTEGER REFERENCES practitioner (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL))
) STRICT;

CREATE INDEX visit_by_patient ON visit (patient_id, started_at);
CREATE INDEX visit_by_practitioner ON visit (practitioner_id);
CREATE INDEX visit_by_signer ON visit (signed_by);

-- Autosaved text that has not been saved into its visit yet. One row per
-- visit field; a row left here after a crash is offered back at the next start.
CREATE TABLE draft (
    visit_id  INTEGER NOT NULL REFERENCES visit (id),
    field     TEXT NOT NULL CHECK (field IN ('chief_complaint', 'subjective', 'objective', 'assessment', 'plan')),
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    PRIMARY KEY (visit_id, field)
) STRICT, WITHOUT ROWID;

-- Patient search. Names fold case and diacritics; the phone is indexed as its
-- digits (whole, last 10, last 7) and the birth date as yyyymmdd, so that a
-- prefix typed in any common shape finds them. Prefix indexes up to 8
-- characters keep every keystroke of a phone number fast: without one, a
-- prefix query merges the lists of every digit string it starts.
CREATE VIRTUAL TABLE patient_search USING fts5 (
    names, chart_number, phone_digits, birth_digits,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3 4 5 6 7 8'
);

CREATE TRIGGER patient_search_insert AFTER INSERT ON patient BEGIN
    INSERT INTO patient_search (rowid, names, chart_number, phone_digits, birth_digits)
    VALUES (
        new.id,
        new.search_names,
        new.chart_number,
        new.phone_digits || ' ' || substr(new.phone_digits, -10) || ' ' || substr(new.phone_digits, -7),
        replace(new.date_of_birth, '-', '')
    );
END;

CREATE TRIGGER patient_search_update AFTER UPDATE OF given_name, family_name, preferred_name, chart_number, phone, date_of_birth ON patient BEGIN
    DELETE FROM patient_search WHERE rowid = old.id;
    INSERT INTO patient_search (rowid, names, chart_number, phone_digits, birth_digits)
    VALUES (
        new.id,
        new.search_names,
        new.chart_number,
        new.phone_digits || ' ' || substr(new.phone_digits, -10) || ' ' || substr(new.phone_digits, -7),
        replace(new.date_of_birth, '-', '')
    );
END;

CREATE TRIGGER patient_search_delete AFTER DELETE ON patient BEGIN
    DELETE FROM patient_search WHERE rowid = old.id;
END;

-- Trigger point findings: one row per point charted on the body map.
CREATE TABLE finding (
    id                   INTEGER PRIMARY KEY,
    visit_id             INTEGER NOT NULL REFERENCES visit (id),
    muscle               TEXT NOT NULL CHECK (length(muscle) > 0),
    side                 TEXT NOT NULL CHECK (side IN ('left', 'right')),
    view                 TEXT NOT NULL CHECK (length(view) > 0),
    x                    REAL NOT NULL CHECK (x BETWEEN 0 AND 1),
    y                    REAL NOT NULL CHECK (y BETWEEN 0 AND 10),
    activity             TEXT NOT NULL DEFAULT 'active' CHECK (activity IN ('active', 'latent')),
    taut_band            INTEGER NOT NULL DEFAULT 0 CHECK (taut_band IN (0, 1)),
    twitch_response      INTEGER NOT NULL DEFAULT 0 CHECK (twitch_response IN (0, 1)),
    tenderness           INTEGER CHECK (tenderness BETWEEN 0 AND 10),
    reproduces_headache  INTEGER NOT NULL DEFAULT 0 CHECK (reproduces_headache IN (0, 1)),
    referral_noted       INTEGER NOT NULL DEFAULT 0 CHECK (referral_noted IN (0, 1)),
    note                 TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    -- The finding of an earlier visit that this one confirms as persisting.
    carried_from         INTEGER REFERENCES finding (id)
) STRICT;

CREATE INDEX finding_by_visit ON finding (visit_id);
CREATE INDEX finding_by_carried_from ON finding (carried_from);

-- A finding of an earlier visit that the clinician found gone at this visit.
-- It lives with the later visit, so a signed earlier visit stays untouched.
CREATE TABLE resolved_finding (
    visit_id     INTEGER NOT NULL REFERENCES visit (id),
    finding_id   INTEGER NOT NULL REFERENCES finding (id),
    resolved_at  TEXT NOT NULL,
    PRIMARY KEY (visit_id, finding_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX resolved_finding_by_finding ON resolved_finding (finding_id);

-- The pain drawing: areas the patient shades, one brush stroke per row.
-- points is a JSON array of [x, y] pairs in the view's body coordinates.
CREATE TABLE pain_stroke (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visit (id),
    view        TEXT NOT NULL CHECK (length(view) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('headache', 'neck_pain')),
    intensity   INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 10),
    radius      REAL NOT NULL CHECK (radius > 0 AND radius <= 0.2),
    points      TEXT NOT NULL CHECK (json_valid(points) AND json_type(points) = 'array'),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX pain_stroke_by_visit ON pain_stroke (visit_id);

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
-- One measure recorded at a visit. answers holds what was entered, as JSON;
-- score the headline number the program computed from it (NDI on the 0-50
-- scale, HIT-6 total, NPRS now, PSFS mean, flexion-rotation restricted side,
-- craniocervical performance index; none for range of motion).
CREATE TABLE outcome (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visit (id),
    measure     TEXT NOT NULL CHECK (measure IN ('ndi', 'hit6', 'nprs', 'psfs', 'cfrt', 'ccft', 'crom')),
    answers     TEXT NOT NULL CHECK (json_valid(answers)),
    score       REAL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (visit_id, measure)
) STRICT;

-- The headache diary, one row per patient and day.
CREATE TABLE diary_day (
    patient_id       INTEGER NOT NULL REFERENCES patient (id),
    day              TEXT NOT NULL,
    headache         INTEGER NOT NULL CHECK (headache IN (0, 1)),
    hours            REAL CHECK (hours BETWEEN 0 AND 24),
    peak             INTEGER CHECK (peak BETWEEN 0 AND 10),
    medication       TEXT NOT NULL DEFAULT '',
    missed_activity  INTEGER NOT NULL DEFAULT 0 CHECK (missed_activity IN (0, 1)),
    PRIMARY KEY (patient_id, day)
) STRICT, WITHOUT ROWID;

-- The ICHD-3 11.2.1 checklist of a visit. criteria_met is what the program
-- computed from answers; a diagnosis is only ever confirmed by the clinician,
-- and only when the criteria are met.
CREATE TABLE ichd_checklist (
    visit_id      INTEGER PRIMARY KEY REFERENCES visit (id),
    answers       TEXT NOT NULL CHECK (json_valid(answers)),
    criteria_met  INTEGER NOT NULL CHECK (criteria_met IN (0, 1)),
    confirmed     INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    updated_at    TEXT NOT NULL,
    CHECK (confirmed = 0 OR criteria_met = 1)
) STRICT, WITHOUT ROWID;
