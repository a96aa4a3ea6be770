# Indicators that cophub fills in itself: a coordinator chooses one of
# cophub's figures as an indicator's source; its values are computed for
# each period of the plan up to the current one, each with the time it
# was computed, from real answers in the children's game, trainings with
# attendance and a course certificate; a count of children under 5 is
# shown as "fewer than 5" (and not kept), and appears once it reaches 5;
# nobody enters a value for it by hand.
#
# The children's answers of this server all go to Kenya (its play
# country), where earlier cases also answered, trained and certified:
# their days are moved to 2001, before this plan begins.

exec ${data}/tests/http/sql '${db}' "UPDATE play_events SET day = '2001-01-01' WHERE country = 'KE'"
exec ${data}/tests/http/sql '${db}' "DELETE FROM play_totals WHERE country = 'KE'"
exec ${data}/tests/http/sql '${db}' "INSERT INTO play_totals (country, day, n) SELECT country, day, COUNT(*) FROM play_events WHERE country = 'KE' GROUP BY country, day"
exec ${data}/tests/http/sql '${db}' "UPDATE certificates SET issued_day = '2001-01-01' WHERE country = 'KE'"
exec ${data}/tests/http/sql '${db}' "UPDATE trainings SET starts_at = 978339600, ends_at = 978343200 WHERE country = 'KE'"
exec ${data}/tests/http/sql '${db}' "UPDATE cascade SET certified_at = 978307200 WHERE country = 'KE' AND certified_at IS NOT NULL"

# two adults sign up
cookies clear
GET /signup
POST /signup country=KE&username=t31.a1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
cookies clear
GET /signup
POST /signup country=KE&username=t31.a2&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.a1 t31.a1
set pass.a1 amber-lantern-river-42
set user.a2 t31.a2
set pass.a2 amber-lantern-river-42

# one passes the parents' course and takes its certificate (today)
cookies clear
login a1
POST /learn/parents-carers/enrol csrf=${csrf}
expect status 303
capture s_a1 cookie cophub_session
exec ${data}/tests/http/take-course http://127.0.0.1:${port} 'cophub_session=${s_a1}' ${data}/content/learn/parents-carers >/dev/null
POST /learn/parents-carers/certificate csrf=${csrf}&name=Wanjiru%20Kamau
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.username = 't31.a1' AND c.kind = 'completion' AND c.issued_day = '$(date -u +%F)'" "1"

# face-to-face trainings: one in March 2025 attended by both, one in
# February 2026 attended by one
cookies clear
login trainer.KE
POST /learn/trainings kind=training&course=parents-carers&title=Screens+at+home&starts=2025-03-10T09:00&ends=2025-03-10T12:00&place=Community+hall&lang=en&audience=parents&capacity=10&csrf=${csrf}
expect status 303
capture t1 header Location /learn/trainings/([0-9]+)
POST /learn/trainings kind=training&course=parents-carers&title=Screens+at+home+again&starts=2026-02-10T09:00&ends=2026-02-10T12:00&place=Community+hall&lang=en&audience=parents&capacity=10&csrf=${csrf}
expect status 303
capture t2 header Location /learn/trainings/([0-9]+)
POST /learn/trainings/${t1}/add username=t31.a1&csrf=${csrf}
expect status 303
POST /learn/trainings/${t1}/add username=t31.a2&csrf=${csrf}
expect status 303
POST /learn/trainings/${t2}/add username=t31.a2&csrf=${csrf}
expect status 303
GET /learn/trainings/${t1}
capture r1 body name="a_([0-9]+)" value="1"> <label for="a-[0-9]+">t31.a1<
capture r2 body name="a_([0-9]+)" value="1"> <label for="a-[0-9]+">t31.a2<
POST /learn/trainings/${t1}/attendance a_${r1}=1&a_${r2}=1&csrf=${csrf}
expect status 303
GET /learn/trainings/${t2}
capture r3 body name="a_([0-9]+)" value="1"> <label for="a-[0-9]+">t31.a2<
POST /learn/trainings/${t2}/attendance a_${r3}=1&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT attendees FROM trainings WHERE id IN (${t1}, ${t2}) ORDER BY id" "2;1"
# a trainer certified in June 2025 (the whole path is 22-cascade's)
exec ${data}/tests/http/sql '${db}' "INSERT INTO cascade (user_id, country, parent_id, depth, certified_at) SELECT id, 'KE', ${id.trainer.KE}, 1, 1748736000 FROM users WHERE username = 't31.a2'"

# four children answer in the game
cookies clear
POST /play/u9/u9-where-i-live step=start&choice=b
expect status 200
POST /play/u9/u9-where-i-live step=start&choice=a
expect status 200
POST /play/u9/u9-where-i-live step=start&choice=b
expect status 200
POST /play/u9/u9-where-i-live step=start&choice=b
expect status 200
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM play_events WHERE country = 'KE' AND day = '$(date -u +%F)'" "4"
# the running total the dashboards read, kept by the game's writer
exec ${data}/tests/http/sql '${db}' "SELECT n FROM play_totals WHERE country = 'KE' AND day = '$(date -u +%F)'" "4"

# a strategy whose plan runs from 2025 to 2035
login coordinator.KE
POST /policy/strategies title=Strategy with computed indicators&assessment=none&csrf=${csrf}
expect status 303
capture sid header Location /policy/strategies/([0-9]+)
POST /policy/strategies/${sid}/plan/actions objective=objectives&title=Reach every school&lead=Ministry of Education&starts=2025-01-01&ends=2035-12-31&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
expect status 200
expect body ~ <option value="children_played">Children who played: answers in the children&#39;s game</option>
expect body ~ <option value="guideline_languages">
expect body !~ Compute the indicators now

# bad choices refused, nothing written
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Children&source=everything&frequency=year&baseline=0&target=100000&csrf=${csrf}
expect status 400
expect body ~ Choose where the indicator&#39;s values come from.
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Children&source=children_played&frequency=week&baseline=0&target=100000&csrf=${csrf}
expect status 400
expect body ~ Choose whether the values are computed per year, per quarter or per month.
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Children&unit=&source=people&baseline=0&target=100000&csrf=${csrf}
expect status 400
expect body ~ Give the unit on one line
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_indicators WHERE strategy_id = ${sid}" "0"

# computed indicators: the unit is cophub's, whatever was typed
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Children who played&unit=bananas&source=children_played&frequency=year&baseline=0&target=100000&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Adults trained&source=adults_trained&frequency=quarter&baseline=0&target=5000&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Adults certified&source=adults_certified&frequency=year&baseline=0&target=5000&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Trainers certified&source=trainers_certified&frequency=year&baseline=0&target=50&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Cascade reach&source=cascade_reach&frequency=month&baseline=0&target=5000&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Guideline languages&source=guideline_languages&frequency=year&baseline=1&target=6&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Schools reached&unit=schools&baseline=0&target=300&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT title, unit, source, COALESCE(frequency, '-') FROM plan_indicators WHERE strategy_id = ${sid} ORDER BY id" "Children who played|answers|children_played|year;Adults trained|people|adults_trained|quarter;Adults certified|certificates|adults_certified|year;Trainers certified|trainers|trainers_certified|year;Cascade reach|people|cascade_reach|month;Guideline languages|languages|guideline_languages|year;Schools reached|schools|people|-"

# shown: computed first, with the time; the children's 4 answers hidden
GET /policy/strategies/${sid}/plan
expect status 200
capture i1 body id="indicator-([0-9]+)">\s*<h3>Children who played
capture i2 body id="indicator-([0-9]+)">\s*<h3>Adults trained
capture i3 body id="indicator-([0-9]+)">\s*<h3>Adults certified
capture i4 body id="indicator-([0-9]+)">\s*<h3>Trainers certified
capture i5 body id="indicator-([0-9]+)">\s*<h3>Cascade reach
capture i6 body id="indicator-([0-9]+)">\s*<h3>Guideline languages
capture i7 body id="indicator-([0-9]+)">\s*<h3>Schools reached
expect body ~ Compute the indicators now
expect body ~ Computed by cophub from its own figures: Children who played: answers in the children&#39;s game
expect body ~ Unit: answers
expect body matches <th scope="row">2025</th><td class="num">fewer than 5</td><td>computed on 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9] UTC</td>
expect body matches id="indicator-${i1}-computed" class="visually-hidden">[^<]*</caption>\s*<thead>.{0,400}</thead>\s*<tbody><tr><th scope="row">20[0-9][0-9]</th><td class="num">fewer than 5</td>
expect body !~ /plan/indicators/${i1}/values
expect body ~ /plan/indicators/${i7}/values
# the values per period, as kept: under 5 not kept at all
exec ${data}/tests/http/sql '${db}' "SELECT period, COALESCE(CAST(value AS INTEGER), -1) FROM indicator_computed WHERE indicator_id = ${i1} AND period <= '2026' ORDER BY period" "2025|-1;2026|-1"
exec ${data}/tests/http/sql '${db}' "SELECT period FROM indicator_computed WHERE indicator_id = ${i1} ORDER BY period DESC LIMIT 1" "$(date -u +%Y)"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM indicator_computed WHERE indicator_id IN (${i1}, ${i2}, ${i3}, ${i4}, ${i5}) AND (computed_at IS NULL OR computed_at < 1764547200)" "0"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_indicators WHERE strategy_id = ${sid} AND source <> 'people' AND computed_at IS NULL" "0"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM indicator_computed WHERE indicator_id = ${i7}" "0"
# adults trained, per quarter: 2 in the first quarter of 2025, 1 in the first of 2026
exec ${data}/tests/http/sql '${db}' "SELECT period, CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id = ${i2} AND period <= '2026-Q2' ORDER BY period" "2025-Q1|2;2025-Q2|0;2025-Q3|0;2025-Q4|0;2026-Q1|1;2026-Q2|0"
# certified today; none in 2025
exec ${data}/tests/http/sql '${db}' "SELECT period, CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id = ${i3} AND period = '2025'" "2025|0"
exec ${data}/tests/http/sql '${db}' "SELECT CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id = ${i3} ORDER BY period DESC LIMIT 1" "1"
exec ${data}/tests/http/sql '${db}' "SELECT period, CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id = ${i4} AND period <= '2026' ORDER BY period" "2025|1;2026|0"
# the cascade's reach per month: trainer.KE is in the cascade
exec ${data}/tests/http/sql '${db}' "SELECT period, CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id = ${i5} AND value > 0 ORDER BY period" "2025-03|2;2026-02|1"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM indicator_computed WHERE indicator_id = ${i5} AND period BETWEEN '2025-01' AND '2025-12'" "12"
# the languages: as they stand, in the current period only
exec ${data}/tests/http/sql '${db}' "SELECT period, CASE WHEN value >= 1 THEN 'some' ELSE 'none' END FROM indicator_computed WHERE indicator_id = ${i6}" "$(date -u +%Y)|some"

# no value by hand for a computed indicator: refused, nothing written
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=12&csrf=${csrf}
expect status 409
expect body ~ cophub computes this indicator&#39;s values from its own figures; they cannot be entered by hand.
POST /policy/strategies/${sid}/plan/indicators/${i2}/values period=2025-Q1&value=7&note=typed&csrf=${csrf}
expect status 409
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM indicator_values v JOIN plan_indicators i ON i.id = v.indicator_id WHERE i.strategy_id = ${sid}" "0"
exec ${data}/tests/http/sql '${db}' "SELECT CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id = ${i2} AND period = '2025-Q1'" "2"
# people's indicator: as before
POST /policy/strategies/${sid}/plan/indicators/${i7}/values period=2026&value=12&csrf=${csrf}
expect status 303

# the fifth child: within the hour the page keeps what it computed;
# computed now, the count appears
cookies clear
POST /play/u9/u9-where-i-live step=start&choice=b
expect status 200
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM play_events WHERE country = 'KE' AND day = '$(date -u +%F)'" "5"
exec ${data}/tests/http/sql '${db}' "SELECT n FROM play_totals WHERE country = 'KE' AND day = '$(date -u +%F)'" "5"
login coordinator.KE
GET /policy/strategies/${sid}/plan
exec ${data}/tests/http/sql '${db}' "SELECT COALESCE(CAST(value AS INTEGER), -1) FROM indicator_computed WHERE indicator_id = ${i1} ORDER BY period DESC LIMIT 1" "-1"
POST /policy/strategies/${sid}/plan/compute csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COALESCE(CAST(value AS INTEGER), -1) FROM indicator_computed WHERE indicator_id = ${i1} ORDER BY period DESC LIMIT 1" "5"
exec ${data}/tests/http/sql '${db}' "SELECT COALESCE(CAST(value AS INTEGER), -1) FROM indicator_computed WHERE indicator_id = ${i1} AND period = '2025'" "-1"
GET /policy/strategies/${sid}/plan
expect body matches id="indicator-${i1}-computed" class="visually-hidden">[^<]*</caption>\s*<thead>.{0,400}</thead>\s*<tbody><tr><th scope="row">20[0-9][0-9]</th><td class="num">5</td>
# an hour later, the page computes them again by itself
exec ${data}/tests/http/sql '${db}' "UPDATE plan_indicators SET computed_at = computed_at - 7200 WHERE id = ${i4}"
exec ${data}/tests/http/sql '${db}' "UPDATE indicator_computed SET value = 99 WHERE indicator_id = ${i4} AND period = '2025'"
exec ${data}/tests/http/sql '${db}' "UPDATE indicator_computed SET value = 99 WHERE indicator_id = ${i3} AND period = '2025'"
GET /policy/strategies/${sid}/plan
exec ${data}/tests/http/sql '${db}' "SELECT indicator_id, CAST(value AS INTEGER) FROM indicator_computed WHERE indicator_id IN (${i3}, ${i4}) AND period = '2025' ORDER BY indicator_id" "${i3}|99;${i4}|1"

# another country's coordinator cannot compute them; a learner neither
login coordinator.FR
POST /policy/strategies/${sid}/plan/compute csrf=${csrf}
expect status 404
login learner.KE
POST /policy/strategies/${sid}/plan/compute csrf=${csrf}
expect status 403
