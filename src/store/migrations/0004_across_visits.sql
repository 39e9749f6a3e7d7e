-- user_version 3 -> 4: findings followed across visits, and the pain drawing.

-- The finding of an earlier visit that this one confirms as persisting.
ALTER TABLE finding ADD COLUMN carried_from INTEGER REFERENCES finding (id);

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
