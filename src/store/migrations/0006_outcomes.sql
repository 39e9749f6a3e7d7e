-- user_version 5 -> 6: outcome measures recorded at visits, the headache diary,
-- and the ICHD-3 cervicogenic headache checklist.

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
