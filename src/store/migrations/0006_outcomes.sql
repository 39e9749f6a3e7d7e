-- user_version 5 -> 6: outcome measures recorded at visits, and the headache diary.

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
