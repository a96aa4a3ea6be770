-- The children's answers counted per country and day as they are stored
-- (src/play/events.c), so that the dashboards read a few rows a country
-- instead of counting every answer.  Like the learning module's running
-- totals, they keep what was counted: an answer that leaves with its
-- class stays in them.  Answers without a country are not counted.
CREATE TABLE play_totals (
    country TEXT NOT NULL,
    day TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (country, day)
);

INSERT INTO play_totals (country, day, n)
    SELECT country, day, COUNT(*) FROM play_events WHERE country IS NOT NULL GROUP BY country, day;
