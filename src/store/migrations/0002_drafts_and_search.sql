-- user_version 1 -> 2: the autosave draft table and the patient search index.

ALTER TABLE patient ADD COLUMN
    phone_digits TEXT GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')) VIRTUAL;

ALTER TABLE patient ADD COLUMN
    search_names       TEXT GENERATED ALWAYS AS (replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(given_name || ' ' || family_name || ' ' || preferred_name, 'Ø', 'O'), 'ø', 'o'), 'Æ', 'Ae'), 'æ', 'ae'), 'Đ', 'D'), 'đ', 'd'), 'Ł', 'L'), 'ł', 'l'), 'ß', 'ss'), 'Œ', 'Oe'), 'œ', 'oe'), 'Þ', 'Th'), 'þ', 'th'), 'ı', 'i')) VIRTUAL;

CREATE TABLE draft (
    visit_id  INTEGER NOT NULL REFERENCES visit (id),
    field     TEXT NOT NULL CHECK (field IN ('chief_complaint', 'subjective', 'objective', 'assessment', 'plan')),
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    PRIMARY KEY (visit_id, field)
) STRICT, WITHOUT ROWID;

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

INSERT INTO patient_search (rowid, names, chart_number, phone_digits, birth_digits)
SELECT id,
       search_names,
       chart_number,
       phone_digits || ' ' || substr(phone_digits, -10) || ' ' || substr(phone_digits, -7),
       replace(date_of_birth, '-', '')
FROM patient;
