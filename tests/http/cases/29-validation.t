# The validation of a national implementation plan: a coordinator submits
# the plan, a validator (of any country: validators are regional or ITU
# reviewers) comments on its parts and returns it, the coordinator
# submits again, the validator validates; every version kept as it was
# submitted, a decided version frozen, the validated one published as a
# PDF with its validation date and shown on the country's public page.
# Also: the strategy adopted, and the country's choice to publish its
# policy figures.

login coordinator.KE
POST /policy/strategies title=Plan to validate&assessment=none&csrf=${csrf}
expect status 303
capture sid header Location /policy/strategies/([0-9]+)

# nothing to submit yet
POST /policy/strategies/${sid}/plan/submit csrf=${csrf}
expect status 400
expect body ~ The plan has no action yet
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_versions WHERE strategy_id = ${sid}" "0"

POST /policy/strategies/${sid}/sections/vision title=Vision&body=Every child is safe online.&version=1&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/actions objective=objectives&title=Open a child helpline line for online harm&lead=Ministry of ICT&starts=2026-01-01&ends=2027-12-31&weight=2&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
capture aid body id="action-([0-9]+)"
POST /policy/strategies/${sid}/plan/actions/${aid} status=ongoing&progress=30&csrf=${csrf}
expect status 303
POST /policy/strategies/${sid}/plan/indicators i_objective=objectives&i_title=Schools reached&unit=schools&baseline=10&target=110&min=0&not_above=none&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
capture iid body id="indicator-([0-9]+)"
POST /policy/strategies/${sid}/plan/indicators/${iid}/values period=2026&value=60&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
capture valid body /plan/values/([0-9]+)/approve
POST /policy/strategies/${sid}/plan/values/${valid}/approve csrf=${csrf}
expect status 303

# submitted: version 1, as the plan stands now
POST /policy/strategies/${sid}/plan/submit csrf=${csrf}
expect status 303
capture v1 header Location /policy/plans/([0-9]+)
exec ${data}/tests/http/sql '${db}' "SELECT version, status, CASE WHEN decided_at IS NULL THEN 1 ELSE 0 END FROM plan_versions WHERE strategy_id = ${sid}" "1|submitted|1"
GET /policy/plans/${v1}
expect status 200
expect body ~ Version 1 of the implementation plan of Kenya: Waiting for a validator.
expect body ~ Open a child helpline line for online harm
expect body ~ Every child is safe online.
expect body !~ Record the decision
# a second submission while the first waits: refused, nothing written
POST /policy/strategies/${sid}/plan/submit csrf=${csrf}
expect status 409
expect body ~ A version of this plan is already waiting for a validator
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_versions WHERE strategy_id = ${sid}" "1"
# the coordinator cannot comment or decide
POST /policy/plans/${v1}/decide decision=validate&csrf=${csrf}
expect status 403
# the live plan moves on; the submitted version does not
POST /policy/strategies/${sid}/plan/actions/${aid} status=ongoing&progress=45&csrf=${csrf}
expect status 303

# another country's coordinator, a learner, a visitor: none reads it
login coordinator.FR
GET /policy/plans/${v1}
expect status 404
login learner.KE
GET /policy/plans/${v1}
expect status 403
cookies clear
GET /policy/plans/${v1}/pdf
expect status 404

# a validator of another country reviews it
login validator.FR
GET /policy/reviews
expect status 200
expect body ~ href="/policy/plans/${v1}">Plan to validate</a>
GET /policy/plans/${v1}
expect status 200
expect body ~ Record the decision
expect body ~ 30 %
expect body !~ 45 %
# a validator does not edit the plan
POST /policy/strategies/${sid}/plan/actions/${aid} status=done&progress=100&csrf=${csrf}
expect status 403
POST /policy/strategies/${sid}/sections/vision title=Vision&body=Changed&version=2&csrf=${csrf}
expect status 403
exec ${data}/tests/http/sql '${db}' "SELECT progress FROM plan_actions WHERE id = ${aid}" "45"
# comments: on a part that exists, not empty
POST /policy/plans/${v1}/comments target=action:999999&body=Where?&csrf=${csrf}
expect status 400
expect body ~ Choose the part of the plan the comment is on.
POST /policy/plans/${v1}/comments target=section:vision&body=&csrf=${csrf}
expect status 400
expect body ~ Write the comment, in at most 4000 characters.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM plan_comments WHERE version_id = ${v1}" "0"
# returning needs a reason
POST /policy/plans/${v1}/decide decision=return&note=&csrf=${csrf}
expect status 400
expect body ~ Say why the plan goes back to the country
POST /policy/plans/${v1}/decide decision=maybe&csrf=${csrf}
expect status 400
expect body ~ Choose whether to return the plan or to validate it.
exec ${data}/tests/http/sql '${db}' "SELECT status FROM plan_versions WHERE id = ${v1}" "submitted"
POST /policy/plans/${v1}/comments target=section:vision&body=Say which children: all ages, with and without disabilities.&csrf=${csrf}
expect status 303
expect header Location = /policy/plans/${v1}#vision
POST /policy/plans/${v1}/comments target=action:${aid}&body=Name the partners who answer the calls.&csrf=${csrf}
expect status 303
expect header Location = /policy/plans/${v1}#action-${aid}
POST /policy/plans/${v1}/comments target=plan&body=A good start.&csrf=${csrf}
expect status 303
POST /policy/plans/${v1}/decide decision=return&note=Please answer the comments and submit again.&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT status, decision_note, CASE WHEN pdf IS NULL THEN 1 ELSE 0 END FROM plan_versions WHERE id = ${v1}" "returned|Please answer the comments and submit again.|1"
exec ${data}/tests/http/sql '${db}' "SELECT target FROM plan_comments WHERE version_id = ${v1} ORDER BY id" "section:vision;action:${aid};plan"
# decided: frozen
POST /policy/plans/${v1}/comments target=plan&body=One more thing.&csrf=${csrf}
expect status 409
expect body ~ This version has been decided: it is frozen
POST /policy/plans/${v1}/decide decision=validate&csrf=${csrf}
expect status 409
exec ${data}/tests/http/sql '${db}' "SELECT status, (SELECT COUNT(*) FROM plan_comments WHERE version_id = ${v1}) FROM plan_versions WHERE id = ${v1}" "returned|3"

# the coordinator reads the comments, mends the plan and submits again
login coordinator.KE
GET /policy/plans/${v1}
expect status 200
expect body ~ Returned to the country
expect body ~ Name the partners who answer the calls.
expect body ~ Please answer the comments and submit again.
GET /policy/strategies/${sid}/plan
expect body ~ Submit the plan for validation
POST /policy/strategies/${sid}/plan/submit csrf=${csrf}
expect status 303
capture v2 header Location /policy/plans/([0-9]+)
exec ${data}/tests/http/sql '${db}' "SELECT version, status FROM plan_versions WHERE strategy_id = ${sid} ORDER BY version" "1|returned;2|submitted"

login validator.KE
POST /policy/plans/${v2}/decide decision=validate&note=&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT status, CASE WHEN decided_at IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN pdf IS NOT NULL THEN 1 ELSE 0 END FROM plan_versions WHERE id = ${v2}" "validated|1|1"
GET /policy/reviews
expect body ~ Decided lately
GET /policy/plans/${v2}
expect body ~ Version 2 of the implementation plan of Kenya: Validated.
expect body ~ href="/policy/plans/${v2}/pdf"
expect body !~ Record the decision

# the validated PDF: public, with the day it was validated; the returned
# version has none
cookies clear
GET /policy/plans/${v1}/pdf
expect status 404
exec code=$(curl -s -o '${tmp}/plan.pdf' -w '%{http_code}' 'http://127.0.0.1:${port}/policy/plans/${v2}/pdf'); test "$code" = 200 && pdftotext '${tmp}/plan.pdf' - | tr '\n' ' ' | grep -q 'version 2, validated on 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' && pdftotext '${tmp}/plan.pdf' - | grep -q 'Open a child helpline line for online harm' && pdftotext '${tmp}/plan.pdf' - | grep -q 'Schools reached'

# the country's public page: the validated plan always; the policy
# figures once its coordinators publish them
GET /dashboard/KE
expect status 200
expect body ~ href="/policy/plans/${v2}/pdf"
expect body !~ href="/policy/plans/${v1}/pdf"
expect body ~ have not published
expect body !~ Schools reached
GET /dashboard/XX
expect status 404
GET /dashboard/ke1
expect status 404

login coordinator.KE
POST /policy/publish publish=maybe&csrf=${csrf}
expect status 400
POST /policy/publish publish=1&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT publish_policy FROM countries WHERE code = 'KE'" "1"
# adopted: not in the future, a date
POST /policy/strategies/${sid}/adopt adopted_on=2999-01-01&csrf=${csrf}
expect status 400
expect body ~ Give the day the strategy was adopted
POST /policy/strategies/${sid}/adopt adopted_on=yesterday&csrf=${csrf}
expect status 400
exec ${data}/tests/http/sql '${db}' "SELECT CASE WHEN adopted_on IS NULL THEN 1 ELSE 0 END FROM strategies WHERE id = ${sid}" "1"
POST /policy/strategies/${sid}/adopt adopted_on=2026-03-01&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}
expect body ~ Adopted on 2026-03-01.

cookies clear
GET /dashboard/KE
expect status 200
expect body ~ Plan to validate</strong>: adopted on 2026-03-01.
expect body ~ Implementation plan done: 45 %
expect body matches Schools reached <span class="muted">\(schools\)</span></th><td class="num">10</td><td class="num">60 <span class="muted">\(2026\)</span></td><td class="num">110</td><td class="num">50 %</td>
GET /dashboard/KE
header Accept-Language: fr
expect status 200
expect body ~ lang="fr"

# publishing stops: the figures go, the validated plan stays
login coordinator.KE
POST /policy/publish publish=0&csrf=${csrf}
expect status 303
cookies clear
GET /dashboard/KE
expect body !~ Schools reached
expect body ~ href="/policy/plans/${v2}/pdf"
