# The national child taskforce: created by a coordinator with its meetings
# and members; a child admitted only with their guardian's consent;
# recommendations answered by the government and linked to a plan action;
# the children's public page, which names no one; other countries kept
# out; a child removed with every trace of them.

# a plan action to link an answer to
login coordinator.KE
POST /policy/strategies title=Taskforce strategy&assessment=none&csrf=${csrf}
expect status 303
capture sid header Location /policy/strategies/([0-9]+)
POST /policy/strategies/${sid}/plan/actions objective=objectives&title=Child-friendly reporting in every school&lead=Ministry of Education&starts=2026-01-01&ends=2026-12-31&csrf=${csrf}
expect status 303
GET /policy/strategies/${sid}/plan
capture aid body id="action-([0-9]+)"

# no taskforce yet: the coordinator sees the form, others nothing
login learner.KE
GET /policy/taskforce/KE
expect status 404
GET /taskforce/KE
expect status 404
login coordinator.KE
GET /policy/taskforce/KE
expect status 200
expect body ~ Create the country&#39;s taskforce
POST /policy/taskforce/KE tf_name=&csrf=${csrf}
expect status 400
expect body ~ Give the taskforce a name on one line
POST /policy/taskforce/KE tf_name=Kenya Children's Online Taskforce&tf_mandate=Advise the government on the national plan.&csrf=${csrf}
expect status 303
expect header Location = /policy/taskforce/KE
GET /policy
expect body ~ href="/policy/taskforce/KE"
GET /policy/taskforce/KE
expect status 200
expect body ~ Kenya Children&#39;s Online Taskforce
expect body ~ Advise the government on the national plan.
exec ${data}/tests/http/sql '${db}' "SELECT country, name FROM taskforces" "KE|Kenya Children's Online Taskforce"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM audit_log WHERE action = 'taskforce_created' AND country = 'KE'" "1"

# an adult member: an account of the country, once
POST /policy/taskforce/KE/members username=${user.learner.FR}&csrf=${csrf}
expect status 400
expect body ~ There is no account of that name in your country.
POST /policy/taskforce/KE/members username=${user.learner.KE}&csrf=${csrf}
expect status 303
POST /policy/taskforce/KE/members username=${user.learner.KE}&csrf=${csrf}
expect status 409
expect body ~ That account is already a member.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM taskforce_members WHERE user_id = ${id.learner.KE}" "1"

# a meeting with its agenda and minutes; a date that is not a date refused
POST /policy/taskforce/KE/meetings held_on=2026-02-30&m_title=First meeting&agenda=x&csrf=${csrf}
expect status 400
expect body ~ Give the day of the meeting as a date.
expect body ~ value="First meeting"
POST /policy/taskforce/KE/meetings held_on=yesterday&m_title=First meeting&csrf=${csrf}
expect status 400
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM taskforce_meetings" "0"
POST /policy/taskforce/KE/meetings held_on=2026-03-14&m_title=First meeting&agenda=1. Welcome%0D%0A2. What worries you online&minutes=Zuri said reporting should be easier.%0D%0AWe agreed to ask for a report button.&csrf=${csrf}
expect status 303
capture mid header Location /policy/taskforce/KE/meetings/([0-9]+)
GET /policy/taskforce/KE/meetings/${mid}
expect status 200
expect body ~ <p>2. What worries you online</p>
expect body ~ <p>We agreed to ask for a report button.</p>

# a child without the guardian's consent: refused, nothing written
POST /policy/taskforce/KE/children nickname=Zuri&band=9-12&guardian=&consent_on=&consent_how=paper&csrf=${csrf}
expect status 400
expect body ~ A child joins only with their parent&#39;s or guardian&#39;s consent
POST /policy/taskforce/KE/children nickname=Zuri&band=9-12&guardian=Mother&consent_on=2026-03-01&consent_how=paper&csrf=${csrf}
expect status 400
expect body ~ A child joins only with their parent&#39;s or guardian&#39;s consent
# other bad input: an age band not in the list, a nickname on two lines, a date that is not one
POST /policy/taskforce/KE/children nickname=Zuri&band=5-8&guardian=Mother&consent_on=2026-03-01&consent_how=paper&consent=yes&csrf=${csrf}
expect status 400
expect body ~ Choose the child&#39;s age group from the list.
POST /policy/taskforce/KE/children nickname=Zu%0Ari&band=9-12&guardian=Mother&consent_on=2026-03-01&consent_how=paper&consent=yes&csrf=${csrf}
expect status 400
expect body ~ Give the child a nickname on one line
POST /policy/taskforce/KE/children nickname=Zuri&band=9-12&guardian=Mother&consent_on=01/03/2026&consent_how=paper&consent=yes&csrf=${csrf}
expect status 400
expect body ~ Give the day the consent was given as a date.
POST /policy/taskforce/KE/children nickname=Zuri&band=9-12&guardian=Mother&consent_on=2026-03-01&consent_how=telepathy&consent=yes&csrf=${csrf}
expect status 400
expect body ~ Choose from the list how the consent was given.
exec ${data}/tests/http/sql '${db}' "SELECT (SELECT COUNT(*) FROM taskforce_children) + (SELECT COUNT(*) FROM taskforce_consents)" "0"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'taskforce_child%'" "0"

# with the consent recorded: admitted
POST /policy/taskforce/KE/children nickname=Zuri&band=9-12&guardian=Mother&consent_on=2026-03-01&consent_how=paper&consent=yes&csrf=${csrf}
expect status 303
expect header Location = /policy/taskforce/KE#children
exec ${data}/tests/http/sql '${db}' "SELECT c.nickname, c.age_band, k.guardian, k.given_how FROM taskforce_children c JOIN taskforce_consents k ON k.child_id = c.id" "Zuri|9-12|Mother|paper"
POST /policy/taskforce/KE/children nickname=Zuri&band=13-17&guardian=Father&consent_on=2026-03-02&consent_how=in-person&consent=yes&csrf=${csrf}
expect status 400
expect body ~ Another child member has this nickname
GET /policy/taskforce/KE
expect body ~ Consent from Mother, 2026-03-01, on paper
capture kid body /children/([0-9]+)/delete
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM audit_log WHERE action = 'taskforce_child_admitted' AND target NOT LIKE '%Zuri%'" "1"

# who came to the meeting
POST /policy/taskforce/KE/meetings/${mid} held_on=2026-03-14&m_title=First meeting&agenda=1. Welcome&minutes=Zuri said reporting should be easier.&c_${kid}=1&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM taskforce_attendance WHERE meeting_id = ${mid} AND child_id = ${kid}" "1"

# a recommendation proposed by the child, answered and linked to the plan action
POST /policy/taskforce/KE/recommendations body=&csrf=${csrf}
expect status 400
expect body ~ Write the recommendation
POST /policy/taskforce/KE/recommendations body=Every school app should have a report button that children can find.&meeting=${mid}&p_${kid}=1&csrf=${csrf}
expect status 303
capture rid header Location #rec-([0-9]+)
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM taskforce_proposers WHERE recommendation_id = ${rid} AND child_id = ${kid}" "1"
GET /taskforce/KE
expect status 200
expect body ~ We have your idea. We will answer soon.
POST /policy/taskforce/KE/recommendations/${rid} status=finished&response=x&action=none&csrf=${csrf}
expect status 400
expect body ~ Choose the recommendation&#39;s status from the list.
POST /policy/taskforce/KE/recommendations/${rid} status=accepted&response=&action=none&csrf=${csrf}
expect status 400
expect body ~ Write the government&#39;s answer
POST /policy/taskforce/KE/recommendations/${rid} status=accepted&response=x&action=999999&csrf=${csrf}
expect status 400
expect body ~ Choose an action of your country&#39;s implementation plans, or none.
exec ${data}/tests/http/sql '${db}' "SELECT status, response, COALESCE(action_id, 0) FROM taskforce_recommendations WHERE id = ${rid}" "received||0"
POST /policy/taskforce/KE/recommendations/${rid} status=accepted&response=The Ministry added a report button to the national school app.&action=${aid}&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT status, action_id FROM taskforce_recommendations WHERE id = ${rid}" "accepted|${aid}"
GET /policy/taskforce/KE
expect body ~ Status: Accepted
expect body ~ Child-friendly reporting in every school</a>
expect body ~ The Ministry added a report button to the national school app.

# the children's page: the idea, its status in children's words and the answer; no one named
cookies clear
GET /taskforce/KE
expect status 200
expect body ~ Every school app should have a report button that children can find.
expect body ~ Yes! We will do it.
expect body ~ The Ministry added a report button to the national school app.
expect body !~ Zuri
expect body !~ Mother
expect body !~ ${user.learner.KE}
expect body !~ ${user.coordinator.KE}
GET /taskforce/FR
expect status 404

# an adult member reads, changes nothing, and sees no consent record
login learner.KE
GET /policy
expect body ~ href="/policy/taskforce/KE"
GET /policy/taskforce/KE
expect status 200
expect body ~ Every school app should have a report button
expect body ~ Zuri
expect body !~ Consent from
expect body !~ Admit a child
GET /policy/taskforce/KE/meetings/${mid}
expect status 200
POST /policy/taskforce/KE/children nickname=Kito&band=9-12&guardian=Aunt&consent_on=2026-03-01&consent_how=paper&consent=yes&csrf=${csrf}
expect status 403
login trainer.KE
GET /policy/taskforce/KE
expect status 404

# another country's coordinator: nothing to read, nothing to change
login coordinator.FR
GET /policy/taskforce/KE
expect status 403
GET /policy/taskforce/KE/meetings/${mid}
expect status 403
POST /policy/taskforce/KE/children/${kid}/delete csrf=${csrf}
expect status 403
GET /policy/taskforce/FR
expect status 200
expect body !~ Zuri
POST /policy/taskforce/FR/recommendations/${rid} status=done&response=x&action=none&csrf=${csrf}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM taskforce_children" "1"
# an action of FR's plan, which KE's answers may not link to
POST /policy/strategies title=Stratégie nationale&assessment=none&csrf=${csrf}
expect status 303
capture frsid header Location /policy/strategies/([0-9]+)
POST /policy/strategies/${frsid}/plan/actions objective=objectives&title=Action in France&lead=Ministère&starts=2026-01-01&ends=2026-12-31&csrf=${csrf}
expect status 303
GET /policy/strategies/${frsid}/plan
capture fraid body id="action-([0-9]+)"
login coordinator.KE
POST /policy/taskforce/KE/recommendations/${rid} status=done&response=Done.&action=${fraid}&csrf=${csrf}
expect status 400
expect body ~ Choose an action of your country&#39;s implementation plans, or none.
GET /policy/taskforce/KE
expect body !~ Action in France
exec ${data}/tests/http/sql '${db}' "SELECT status, action_id FROM taskforce_recommendations WHERE id = ${rid}" "accepted|${aid}"

# the child removed on request: every row about them gone, the recommendation kept
POST /policy/taskforce/KE/children/999999/delete csrf=${csrf}
expect status 404
POST /policy/taskforce/KE/children/${kid}/delete csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT (SELECT COUNT(*) FROM taskforce_children) + (SELECT COUNT(*) FROM taskforce_consents) + (SELECT COUNT(*) FROM taskforce_attendance WHERE child_id = ${kid}) + (SELECT COUNT(*) FROM taskforce_proposers WHERE child_id = ${kid})" "0"
exec ${data}/tests/http/sql '${db}' "SELECT (SELECT COUNT(*) FROM taskforce_meetings WHERE agenda LIKE '%Zuri%' OR minutes LIKE '%Zuri%' OR title LIKE '%Zuri%') + (SELECT COUNT(*) FROM taskforce_recommendations WHERE body LIKE '%Zuri%' OR response LIKE '%Zuri%') + (SELECT COUNT(*) FROM audit_log WHERE target LIKE '%Zuri%' OR (action LIKE 'taskforce_child%' AND target <> 'taskforce ' || (SELECT id FROM taskforces WHERE country = 'KE')))" "0"
exec ${data}/tests/http/sql '${db}' "SELECT minutes FROM taskforce_meetings WHERE id = ${mid}" "[…] said reporting should be easier."
exec ${data}/tests/http/sql '${db}' "SELECT status, action_id FROM taskforce_recommendations WHERE id = ${rid}" "accepted|${aid}"
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM audit_log WHERE action IN ('taskforce_child_admitted', 'taskforce_child_removed') AND country = 'KE'" "2"
GET /policy/taskforce/KE
expect body !~ Zuri
expect body ~ No child member yet.
GET /taskforce/KE
expect body ~ Yes! We will do it.
