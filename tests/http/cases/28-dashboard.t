# The public dashboard: each active country's reach and maturity as
# totals, a count of children's answers under 5 never shown (nor left to a
# subtraction from the world's sum), the same figures as CSV and JSON.
# Tanzania, which no other case touches; a country with nothing yet (Peru)
# is not listed.  Tanzania publishes its policy figures; Uganda, with a
# closed self-assessment too, does not, and its maturity never shows.  The figures are kept a minute per language, and other
# cases read the dashboard in English: this one reads it in Spanish, then
# in Russian.  The answers are written here as the game's writer stores
# them: the rows, and the running totals the dashboards read.

exec ${data}/tests/http/sql '${db}' "INSERT INTO play_events (day, country, lang, band, scenario, step, choice, safe) VALUES ('2026-11-01', 'TZ', 'en', '9-12', 's', 'start', 'a', 1), ('2026-11-01', 'TZ', 'en', '9-12', 's', 'start', 'b', 0), ('2026-11-02', 'TZ', 'sw', 'u9', 's', 'start', 'a', 1)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO play_totals (country, day, n) VALUES ('TZ', '2026-11-01', 2), ('TZ', '2026-11-02', 1)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO learn_totals (country, course, audience, metric, n) VALUES ('TZ', '', 'parents', 'learners', 10), ('TZ', '', 'educators', 'learners', 2), ('TZ', 'parents-carers', '', 'certificates', 3), ('TZ', '', 'parents', 'attended', 4), ('TZ', '', '', 'trainers', 2), ('TZ', '', 'parents', 'reached_direct', 6), ('TZ', '', 'parents', 'reached_through', 3)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessments (country, title, created_at, closed_at) VALUES ('TZ', 'Old', 1735689600, 1735689600), ('TZ', 'Latest', 1767225600, 1767225600), ('TZ', 'Open', 1780000000, NULL)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessment_results (assessment_id, capability, country, level, confidence, decided_at) SELECT id, 'leadership', 'TZ', 2, 'high', 1 FROM assessments WHERE country = 'TZ' AND title = 'Latest'"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessment_results (assessment_id, capability, country, level, confidence, decided_at) SELECT id, 'research', 'TZ', 3, 'high', 1 FROM assessments WHERE country = 'TZ' AND title = 'Latest'"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessment_results (assessment_id, capability, country, level, confidence, decided_at) SELECT id, 'helpline', 'TZ', 4, 'high', 1 FROM assessments WHERE country = 'TZ' AND title = 'Latest'"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessment_results (assessment_id, capability, country, level, confidence, decided_at) SELECT id, 'helpline', 'TZ', 1, 'high', 1 FROM assessments WHERE country = 'TZ' AND title IN ('Old', 'Open')"
exec ${data}/tests/http/sql '${db}' "UPDATE countries SET publish_policy = 1 WHERE code = 'TZ'"
exec ${data}/tests/http/sql '${db}' "INSERT INTO learn_totals (country, course, audience, metric, n) VALUES ('UG', '', 'parents', 'learners', 7)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessments (country, title, created_at, closed_at) VALUES ('UG', 'Unpublished', 1767225600, 1767225600)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO assessment_results (assessment_id, capability, country, level, confidence, decided_at) SELECT id, 'helpline', 'UG', 3, 'high', 1 FROM assessments WHERE country = 'UG'"

# the page, for anyone
GET /dashboard
header Accept-Language: es
expect status 200
expect security-headers
expect body ~ <h1>Panel de datos</h1>
expect body ~ Tanzania, República unida de
expect body ~ href="/dashboard.csv"
expect body !~ (PE)
expect body matches Tanzania, República unida de</a> <span class="muted">\(TZ\)</span></th>\s*<td class="num">–</td><td class="num">12</td><td class="num">3</td><td class="num">4</td><td class="num">2</td><td class="num">9</td>
expect body matches \(TZ\)</span></th>\s*<td>2026-01-01</td><td class="num">3.0</td><td class="num">2.5</td><td class="num">–</td><td class="num">4.0</td>
expect body matches \(UG\)</span></th>\s*<td colspan="8" class="muted">[^<]+</td>
expect body !~ 2026-01-01</td><td class="num">3.0</td><td class="num">–</td><td class="num">–</td><td class="num">3.0

# the CSV: the name quoted (it has a comma), the hidden count empty, the
# latest closed assessment only (mean of 2, 3 and 4; policy 2.5, victim 4)
GET /dashboard.csv
header Accept-Language: es
expect status 200
expect header Content-Type = text/csv; charset=utf-8
expect header Content-Disposition ~ attachment
expect body ~ code,name,game_answers,learners,certificates,trained_face_to_face,certified_trainers,cascade_reach,strategy_adopted_on,plan_validated_on,assessment_closed_on,mean_level,level_policy,level_justice,level_victim,level_society,level_industry,level_media,computed_at
expect body matches TZ,"Tanzania, República unida de",,12,3,4,2,9,,,2026-01-01,3.0,2.5,,4.0,,,,20[0-9-]+T[0-9:]+Z
expect body matches UG,Uganda,,7,0,0,0,0,,,,,,,,,,,20[0-9-]+T

# the JSON
GET /dashboard.json
header Accept-Language: es
expect status 200
expect header Content-Type ~ application/json
expect body ~ "small_counts_hidden_below": 5
expect body matches "code": "TZ",\s*"game_answers": null,\s*"learners": 12
expect body matches "assessment": null,\s*"cascade_reach": 0,\s*"certificates": 0,\s*"certified_trainers": 0,\s*"code": "UG"
expect body matches "guideline_languages": \[[^]]*"fr"

# five answers: shown once the figures are computed again; the Spanish
# ones stay as they were for a minute, the Russian, not yet asked for, are
# computed now
exec ${data}/tests/http/sql '${db}' "INSERT INTO play_events (day, country, lang, band, scenario, step, choice, safe) VALUES ('2026-11-03', 'TZ', 'en', '9-12', 's', 'start', 'a', 1), ('2026-11-03', 'TZ', 'en', '9-12', 's', 'start', 'a', 1)"
exec ${data}/tests/http/sql '${db}' "INSERT INTO play_totals (country, day, n) VALUES ('TZ', '2026-11-03', 2)"
GET /dashboard.csv
header Accept-Language: es
expect body matches TZ,"Tanzania, República unida de",,12,
GET /dashboard.csv
header Accept-Language: ru
expect body matches TZ,Танзания,5,12,
GET /dashboard.json
header Accept-Language: ru
expect body matches "code": "TZ",\s*"game_answers": 5,
