-- The dashboards count the children's answers of one country, and of
-- each country: with the country first, the count reads only that
-- country's entries of this index, and the count of every country reads
-- the index in order, without the table.
CREATE INDEX play_events_country ON play_events (country, day);
