# The national strategy: started from the gaps of a closed
# self-assessment, written section by section with every version kept, a
# save over someone else's refused, the stakeholder map, exported as
# Markdown and PDF.  Only the country's coordinators (and administrators)
# see it.

# a closed assessment to start from
login coordinator.KE
POST /policy/assessments title=Baseline for the strategy&csrf=${csrf}
expect status 303
capture aid header Location /policy/assessments/([0-9]+)
POST /policy/assessments/${aid}/leadership/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/research/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/legislation/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/law-enforcement/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/judiciary/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/offender-management/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/image-databases/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/support/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/workforce/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/remedies/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/helpline/decide level=1&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/hotline/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/education/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/participation/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/offender-support/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/takedown/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/reporting/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/innovation/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/responsibility/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/media/decide level=3&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/terminology/decide level=2&confidence=medium&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${aid}/close csrf=${csrf}
expect status 303

# who sees strategies
login learner.KE
GET /policy/strategies
expect status 403
login coordinator.KE
GET /policy/strategies
expect status 200
expect body ~ Start a strategy
expect body ~ Baseline for the strategy

# bad input refused, nothing written
POST /policy/strategies title=&assessment=none&csrf=${csrf}
expect status 400
expect body ~ Give the strategy a title on one line
POST /policy/strategies title=Strategy 2026-2030&assessment=999999&csrf=${csrf}
expect status 400
expect body ~ Choose a closed self-assessment of your country, or none.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM strategies" "0"

# started from the assessment: a section for each gap, the largest first
POST /policy/strategies title=Strategy 2026-2030&assessment=${aid}&csrf=${csrf}
expect status 303
capture sid header Location /policy/strategies/([0-9]+)
GET /policy/strategies/${sid}
expect status 200
expect body ~ <section class="panel" id="vision">
expect body ~ <section class="panel" id="gap-helpline">
exec ${data}/tests/http/sql '${db}' "SELECT key, title FROM strategy_sections WHERE strategy_id = ${sid} AND position = 10" "gap-helpline|Child helpline"
expect body ~ Today: level 1, Building.
expect body ~ To reach level 2, Developing:
expect body ~ Helplines, hotlines and support for children (/library/policy/response#response.services)
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM strategy_sections WHERE strategy_id = ${sid} AND key LIKE 'gap-%'" "21"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM strategy_section_history WHERE strategy_id = ${sid}" "23"

# a section edited: a new version, kept; a save from an old version refused
GET /policy/strategies/${sid}/sections/vision
expect status 200
expect body ~ name="version" value="1"
POST /policy/strategies/${sid}/sections/vision title=Vision&body=Every child in Kenya is safe online and able to use the internet to learn and play.%0D%0A%0D%0AThe second paragraph.&version=1&csrf=${csrf}
expect status 303
expect header Location = /policy/strategies/${sid}#vision
GET /policy/strategies/${sid}
expect body ~ <p>Every child in Kenya is safe online and able to use the internet to learn and play.</p>
expect body ~ <p>The second paragraph.</p>
POST /policy/strategies/${sid}/sections/vision title=Vision&body=An older draft.&version=1&csrf=${csrf}
expect status 409
expect body ~ Someone saved this section while you were editing it
expect body ~ <p>The second paragraph.</p>
expect body ~ An older draft.</textarea>
POST /policy/strategies/${sid}/sections/vision title=&body=x&version=2&csrf=${csrf}
expect status 400
POST /policy/strategies/${sid}/sections/nothing title=X&body=x&version=1&csrf=${csrf}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT version, body FROM strategy_sections WHERE strategy_id = ${sid} AND key = 'vision'" "2|Every child in Kenya is safe online and able to use the internet to learn and play.;;The second paragraph."
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM strategy_section_history WHERE strategy_id = ${sid} AND key = 'vision'" "2"
GET /policy/strategies/${sid}/sections/vision
expect body ~ Version 2,
expect body ~ Version 1,

# the stakeholder map
POST /policy/strategies/${sid}/stakeholders institution=&role=x&csrf=${csrf}
expect status 400
expect body ~ Name the institution on one line
POST /policy/strategies/${sid}/stakeholders institution=Ministry of ICT | Digital&role=Leads and reports to cabinet&leads=1&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/stakeholders institution=Child helpline&role=Answers children and refers them&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}
expect body ~ Ministry of ICT | Digital <span class="badge">leads</span>
capture shid body /stakeholders/([0-9]+)/delete
POST /policy/strategies/${sid}/stakeholders/${shid}/delete csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM strategy_stakeholders WHERE strategy_id = ${sid}" "1"

# exports
capture session cookie cophub_session
GET /policy/strategies/${sid}/markdown
expect status 200
expect header Content-Type ~ text/markdown
expect header Content-Disposition ~ attachment
expect body ~ # Strategy 2026-2030
expect body ~ ## Vision
expect body ~ ## Child helpline
exec code=$(curl -s -o '${tmp}/strategy.pdf' -w '%{http_code}' -b 'cophub_session=${session}' 'http://127.0.0.1:${port}/policy/strategies/${sid}/pdf'); test "$code" = 200 && pdftotext '${tmp}/strategy.pdf' - | grep -q 'Strategy 2026-2030' && pdftotext '${tmp}/strategy.pdf' - | grep -q 'Every child in Kenya is safe online'

# the implementation plan: actions under the objectives, progress rolled
# up by weight, late ones marked, milestones
GET /policy/strategies/${sid}/plan
expect status 200
expect body ~ No action yet.
expect body !~ class="gantt"
POST /policy/strategies/${sid}/plan/actions objective=vision&title=X&lead=Y&starts=2026-01-01&ends=2026-02-01&csrf=${csrf}
expect status 400
expect body ~ Choose the objective the action serves.
POST /policy/strategies/${sid}/plan/actions objective=gap-helpline&title=X&lead=Y&starts=2026-03-01&ends=2026-02-01&csrf=${csrf}
expect status 400
expect body ~ The last day comes after the first
POST /policy/strategies/${sid}/plan/actions objective=gap-helpline&title=X&lead=Y&starts=2026-01-01&ends=2026-02-01&budget=lots&csrf=${csrf}
expect status 400
expect body ~ The budget is a whole amount, or nothing.
POST /policy/strategies/${sid}/plan/actions objective=gap-helpline&title=&lead=Y&starts=2026-01-01&ends=2026-02-01&csrf=${csrf}
expect status 400
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_actions" "0"
POST /policy/strategies/${sid}/plan/actions objective=gap-helpline&title=Extend the helpline's hours&lead=Ministry of ICT&partners=Child helpline, telecom operators&starts=2025-01-01&ends=2025-06-30&budget=50000&weight=3&csrf=${csrf}
expect status 303
expect header Location = /policy/strategies/${sid}/plan#gap-helpline
POST /policy/strategies/${sid}/plan/actions objective=gap-helpline&title=Train counsellors on online harm&lead=Child helpline&starts=2026-01-01&ends=2030-12-31&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT title, budget, weight, status, progress FROM plan_actions ORDER BY id" "Extend the helpline's hours|50000|3|planned|0;Train counsellors on online harm||1|planned|0"
GET /policy/strategies/${sid}/plan
capture a1 body id="action-([0-9]+)"
POST /policy/strategies/${sid}/plan/actions/${a1} status=ongoing&progress=50&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
capture a2 body id="action-([0-9]+)">\s*<h3>Train counsellors
POST /policy/strategies/${sid}/plan/actions/${a2} status=ongoing&progress=10&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
expect body ~ Done: 40 %
expect body ~ 1 action is late.
expect body ~ <svg class="gantt"
expect body ~ class="gantt-bar gantt-late"
POST /policy/strategies/${sid}/plan/actions/${a1} status=finished&progress=50&csrf=${csrf}
expect status 400
POST /policy/strategies/${sid}/plan/actions/${a1} status=ongoing&progress=101&csrf=${csrf}
expect status 400
POST /policy/strategies/${sid}/plan/actions/999999 status=ongoing&progress=1&csrf=${csrf}
expect status 404
# done is 100 %: the objective at (3 x 100 + 1 x 10) / 4
POST /policy/strategies/${sid}/plan/actions/${a1} status=done&progress=60&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
expect body ~ Done: 78 %
expect body !~ action is late
expect body !~ gantt-late
# a milestone, then done
POST /policy/strategies/${sid}/plan/actions/${a2}/milestones title=First 50 counsellors trained&due=2027-06-30&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/actions/${a2}/milestones title=&due=2027-06-30&csrf=${csrf}
expect status 400
GET /policy/strategies/${sid}/plan
expect body ~ 2027-06-30: First 50 counsellors trained
expect body ~ class="gantt-milestone"
capture mid body /plan/milestones/([0-9]+)/done
POST /policy/strategies/${sid}/plan/milestones/${mid}/done csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/milestones/${mid}/done csrf=${csrf}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_milestones WHERE done_on IS NOT NULL" "1"

# indicators: baseline, target, rules; values entered then approved, an
# approved value never changed but replaced by a new version
POST /policy/strategies/${sid}/plan/indicators i_objective=gap-helpline&i_title=Calls&unit=calls&baseline=many&target=5000&csrf=${csrf}
expect status 400
expect body ~ The baseline and the target are numbers.
expect body ~ value="Calls"
POST /policy/strategies/${sid}/plan/indicators i_objective=gap-helpline&i_title=Calls&unit=calls&baseline=10&target=5000&min=100&max=50&csrf=${csrf}
expect status 400
POST /policy/strategies/${sid}/plan/indicators i_objective=nowhere&i_title=Calls&unit=calls&baseline=10&target=5000&csrf=${csrf}
expect status 400
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_indicators" "0"
POST /policy/strategies/${sid}/plan/indicators i_objective=gap-helpline&i_title=Calls from children&unit=calls&baseline=1000&target=5000&min=0&not_above=none&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
capture i1 body id="indicator-([0-9]+)"
POST /policy/strategies/${sid}/plan/indicators i_objective=gap-helpline&i_title=Calls answered&unit=calls&baseline=800&target=5000&min=0&not_above=${i1}&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
expect body ~ not above: Calls from children
capture i2 body id="indicator-([0-9]+)">\s*<h3>Calls answered
# answered may not exceed received, in the same period, both ways
POST /policy/strategies/${sid}/plan/indicators/${i2}/values period=2026&value=900&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=850&csrf=${csrf}
expect status 400
expect body ~ The value is below the value of an indicator that may not exceed it
POST /policy/strategies/${sid}/plan/indicators/${i2}/values period=2026-Q1&value=10&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026-13&value=1200&csrf=${csrf}
expect status 400
expect body ~ The period is a year (2026), a quarter (2026-Q1) or a month (2026-03).
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=&csrf=${csrf}
expect status 400
expect body ~ The value is required.
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=lots&csrf=${csrf}
expect status 400
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=-5&csrf=${csrf}
expect status 400
expect body ~ The value is outside the range this indicator allows.
POST /policy/strategies/${sid}/plan/indicators/999999/values period=2026&value=5&csrf=${csrf}
expect status 404
# entered twice before approval: one version; approved; then a new one
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=1200&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=1250&note=From the helpline's annual report&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT version, CAST(value AS INTEGER), status FROM indicator_values WHERE indicator_id = ${i1}" "1|1250|entered"
GET /policy/strategies/${sid}/plan
expect body ~ waiting for approval
capture v1 body /plan/values/([0-9]+)/approve
POST /policy/strategies/${sid}/plan/values/${v1}/approve csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators/${i1}/values period=2026&value=1300&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT version, CAST(value AS INTEGER), status FROM indicator_values WHERE indicator_id = ${i1} ORDER BY version" "1|1250|approved;2|1300|entered"
GET /policy/strategies/${sid}/plan
capture v2 body /plan/values/([0-9]+)/approve
POST /policy/strategies/${sid}/plan/values/${v2}/approve csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/values/${v2}/approve csrf=${csrf}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT version, CAST(value AS INTEGER), status FROM indicator_values WHERE indicator_id = ${i1} ORDER BY version" "1|1250|replaced;2|1300|approved"
GET /policy/strategies/${sid}/plan
expect body ~ approved by ${user.coordinator.KE}
expect body ~ From the helpline&#39;s annual report

# another country's coordinator: it does not exist; an administrator reads it
login coordinator.FR
GET /policy/strategies/${sid}
expect status 404
GET /policy/strategies/${sid}/markdown
expect status 404
POST /policy/strategies/${sid}/sections/vision title=Vision&body=x&version=2&csrf=${csrf}
expect status 404
GET /policy/strategies/${sid}/plan
expect status 404
POST /policy/strategies/${sid}/plan/actions/${a1} status=ongoing&progress=1&csrf=${csrf}
expect status 404
login admin
GET /policy/strategies/${sid}/plan
expect status 200
expect body !~ Add an action
GET /policy/strategies/${sid}
expect status 200
expect body !~ Edit this section
