-- user_version 2 -> 3: trigger point findings on the body map.

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
    updated_at           TEXT NOT NULL
) STRICT;

CREATE INDEX finding_by_visit ON finding (visit_id);
