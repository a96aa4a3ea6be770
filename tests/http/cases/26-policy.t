# The policy module: the framework for anyone; a coordinator's
# self-assessment with invited stakeholders, the consolidated answers, the
# result with its radar chart and ranked gaps, and a second assessment
# compared with the first.  Another country's people never see it.

# the framework, public
GET /policy
expect status 200
expect body ~ National response maturity framework
expect body !~ Start the self-assessment
GET /policy/framework
expect status 200
expect body ~ <h3 id="cap-terminology">21. Universal terminology</h3>
expect body ~ href="/library/policy/strategy#strategy.lead"
expect body ~ Model National Response of the WeProtect Global Alliance
expect body ~ <dt>4. Mature</dt>
GET /policy/framework
header Accept-Language: fr
expect status 200
expect body ~ <html lang="fr"

# a learner of the country sees no form to start one, and may not post it
login learner.KE
GET /policy
expect body ~ No self-assessment of your country is open to you yet.
expect body !~ Start the self-assessment
POST /policy/assessments title=Mine&csrf=${csrf}
expect status 403

# the coordinator starts one; bad titles refused, nothing written
login coordinator.KE
GET /policy
expect body ~ Start the self-assessment
POST /policy/assessments title=&csrf=${csrf}
expect status 400
expect body ~ Give the assessment a title on one line
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM assessments" "0"
POST /policy/assessments title=National self-assessment 2025&csrf=${csrf}
expect status 303
capture first header Location /policy/assessments/([0-9]+)
GET /policy/assessments/${first}
expect status 200
expect body ~ 1. Leadership
expect body ~ 0 of 21 capabilities decided

# invitations: only accounts of the country, not its coordinators
POST /policy/assessments/${first}/invite username=nobody.here&csrf=${csrf}
expect status 400
expect body ~ There is no account of this country with that username.
POST /policy/assessments/${first}/invite username=${user.learner.FR}&csrf=${csrf}
expect status 400
POST /policy/assessments/${first}/invite username=${user.learner.KE}&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/invite username=${user.trainer.KE}&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM assessment_contributors WHERE assessment_id = ${first}" "2"
GET /policy/assessments/${first}
expect body ~ (${user.learner.KE})

# the coordinator's own answer; bad answers refused, nothing written
POST /policy/assessments/${first}/leadership level=5&confidence=high&evidence=x&csrf=${csrf}
expect status 400
expect body ~ Choose the level that describes the capability today.
POST /policy/assessments/${first}/leadership level=2&confidence=sure&evidence=x&csrf=${csrf}
expect status 400
expect body ~ Say how sure you are
POST /policy/assessments/${first}/leadership level=2&confidence=high&evidence=x&links=javascript:alert(1)&csrf=${csrf}
expect status 400
expect body ~ Links: one address a line
expect body ~ javascript:alert(1)</textarea>
POST /policy/assessments/${first}/nothing level=2&confidence=high&evidence=x&csrf=${csrf}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM assessment_answers" "0"
POST /policy/assessments/${first}/leadership level=2&confidence=medium&evidence=A group meets monthly without a mandate.&links=https://example.org/plan%0D%0A  https://example.org/minutes  &csrf=${csrf}
expect status 303
expect header Location = /policy/assessments/${first}/research?saved=1
exec ${data}/tests/http/sql '${db}' "SELECT level, confidence, links FROM assessment_answers WHERE capability = 'leadership'" "2|medium|https://example.org/plan;https://example.org/minutes"

# an invited learner answers too
login learner.KE
GET /policy
expect body ~ National self-assessment 2025
GET /policy/assessments/${first}/leadership
expect status 200
expect body ~ A group meets monthly without a mandate.
expect body ~ href="https://example.org/minutes"
expect body !~ /decide"
POST /policy/assessments/${first}/leadership level=3&confidence=low&evidence=&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/leadership/decide level=4&confidence=high&evidence=&csrf=${csrf}
expect status 403
POST /policy/assessments/${first}/close csrf=${csrf}
expect status 403

# documents as evidence: kept whole (bytes with NUL in them), served as
# an attachment with the type read from the bytes; other kinds refused
capture session cookie cophub_session
exec printf '%%PDF-1.4\n\000\001\002\377binary\n%%%%EOF\n' > '${tmp}/plan.pdf'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'document=@${tmp}/plan.pdf;filename=Plan d’action 2025.pdf;type=text/html' 'http://127.0.0.1:${port}/policy/assessments/${first}/leadership/documents'); test "$code" = 303
exec ${data}/tests/http/sql '${db}' "SELECT filename, content_type, size FROM assessment_documents" "Plan d’action 2025.pdf|application/pdf|26"
GET /policy/assessments/${first}/leadership
expect body ~ >Plan d’action 2025.pdf</a>
capture docid body /policy/assessments/[0-9]+/documents/([0-9]+)"
exec code=$(curl -s -D '${tmp}/headers' -o '${tmp}/back.pdf' -w '%{http_code}' -b 'cophub_session=${session}' 'http://127.0.0.1:${port}/policy/assessments/${first}/documents/${docid}'); test "$code" = 200 && cmp '${tmp}/plan.pdf' '${tmp}/back.pdf' && grep -qi '^content-type: application/pdf' '${tmp}/headers' && grep -qi "^content-disposition: attachment; filename=\"document\"; filename\*=UTF-8''Plan%20d%E2%80%99action%202025.pdf" '${tmp}/headers'
exec printf '<html><script>alert(1)</script></html>' > '${tmp}/page.html'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'document=@${tmp}/page.html;type=application/pdf' 'http://127.0.0.1:${port}/policy/assessments/${first}/leadership/documents'); test "$code" = 415 && grep -q 'Upload a PDF, a Word' '${tmp}/out.html'
exec head -c 3200000 /dev/zero | tr '\0' 'a' > '${tmp}/big.txt'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'document=@${tmp}/big.txt' 'http://127.0.0.1:${port}/policy/assessments/${first}/leadership/documents'); test "$code" = 413 && grep -q 'A document is at most 3 MB.' '${tmp}/out.html'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'document=@${tmp}/plan.pdf' 'http://127.0.0.1:${port}/policy/assessments/${first}/nothing/documents'); test "$code" = 404
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'document=@${tmp}/plan.pdf' 'http://127.0.0.1:${port}/policy/assessments/${first}/leadership/documents'); test "$code" = 403
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM assessment_documents" "1"
# the uploader's to delete, or a coordinator's: not another contributor's
login trainer.KE
GET /policy/assessments/${first}/documents/${docid}
expect status 200
expect header Content-Type = application/pdf
POST /policy/assessments/${first}/documents/${docid}/delete csrf=${csrf}
expect status 403
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM assessment_documents" "1"
login learner.KE

# not invited, or of another country: it does not exist
login translator.KE
GET /policy/assessments/${first}
expect status 404
GET /policy/assessments/${first}/documents/${docid}
expect status 404
POST /policy/assessments/${first}/leadership level=3&confidence=low&evidence=&csrf=${csrf}
expect status 404
login coordinator.FR
GET /policy/assessments/${first}
expect status 404
GET /policy/assessments/${first}/documents/${docid}
expect status 404
GET /policy/assessments/${first}/result
expect status 404
POST /policy/assessments/${first}/leadership/decide level=4&confidence=high&evidence=&csrf=${csrf}
expect status 404
GET /policy
expect body !~ National self-assessment 2025

# the coordinator sees who said what, and the median proposed
login coordinator.KE
GET /policy/assessments/${first}/leadership
expect body ~ (${user.learner.KE})
expect body ~ id="d-level-2" type="radio" name="level" value="2" checked
POST /policy/assessments/${first}/close csrf=${csrf}
expect status 409
expect body ~ Decide the answer for every capability before you close the assessment.
# a coordinator may delete any document while it is open
exec printf '%%PDF-1.4 second\n' > '${tmp}/second.pdf'
capture session cookie cophub_session
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'document=@${tmp}/second.pdf' 'http://127.0.0.1:${port}/policy/assessments/${first}/research/documents'); test "$code" = 303
POST /policy/assessments/${first}/documents/${docid}/delete csrf=${csrf}
expect status 303
expect header Location = /policy/assessments/${first}/leadership
exec ${data}/tests/http/sql '${db}' "SELECT filename FROM assessment_documents" "second.pdf"

POST /policy/assessments/${first}/leadership/decide level=2&confidence=high&evidence=Decided for leadership.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/research/decide level=2&confidence=high&evidence=Decided for research.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/legislation/decide level=4&confidence=high&evidence=Decided for legislation.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/law-enforcement/decide level=3&confidence=high&evidence=Decided for law-enforcement.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/judiciary/decide level=2&confidence=high&evidence=Decided for judiciary.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/offender-management/decide level=4&confidence=high&evidence=Decided for offender-management.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/image-databases/decide level=3&confidence=high&evidence=Decided for image-databases.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/support/decide level=2&confidence=high&evidence=Decided for support.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/workforce/decide level=4&confidence=high&evidence=Decided for workforce.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/remedies/decide level=3&confidence=high&evidence=Decided for remedies.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/helpline/decide level=1&confidence=high&evidence=Decided for helpline.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/hotline/decide level=4&confidence=high&evidence=Decided for hotline.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/education/decide level=3&confidence=high&evidence=Decided for education.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/participation/decide level=2&confidence=high&evidence=Decided for participation.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/offender-support/decide level=4&confidence=high&evidence=Decided for offender-support.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/takedown/decide level=3&confidence=high&evidence=Decided for takedown.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/reporting/decide level=2&confidence=high&evidence=Decided for reporting.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/innovation/decide level=4&confidence=high&evidence=Decided for innovation.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/responsibility/decide level=3&confidence=high&evidence=Decided for responsibility.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/media/decide level=2&confidence=high&evidence=Decided for media.&csrf=${csrf}
expect status 303
POST /policy/assessments/${first}/terminology/decide level=4&confidence=high&evidence=Decided for terminology.&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), MIN(level), MAX(level) FROM assessment_results WHERE assessment_id = ${first}" "21|1|4"
GET /policy/assessments/${first}/result
expect status 200
expect body ~ <svg class="radar"
expect body ~ role="img" aria-label="The mean level of each domain"
expect body !~ radar-before
expect body matches <ol class="steps">\s*<li><strong><a href="/policy/assessments/[0-9]+/helpline">11. Child helpline</a></strong>
POST /policy/assessments/${first}/close csrf=${csrf}
expect status 303
expect header Location = /policy/assessments/${first}/result
# closed: nothing changes
POST /policy/assessments/${first}/leadership level=4&confidence=high&evidence=&csrf=${csrf}
expect status 409
POST /policy/assessments/${first}/leadership/decide level=4&confidence=high&evidence=&csrf=${csrf}
expect status 409
POST /policy/assessments/${first}/invite username=${user.reviewer.KE}&csrf=${csrf}
expect status 409
capture session cookie cophub_session
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'document=@${tmp}/plan.pdf' 'http://127.0.0.1:${port}/policy/assessments/${first}/leadership/documents'); test "$code" = 409
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM assessment_documents" "1"
exec ${data}/tests/http/sql '${db}' "SELECT level FROM assessment_results WHERE assessment_id = ${first} AND capability = 'leadership'" "2"

# a second assessment, compared with the first
POST /policy/assessments title=National self-assessment 2026&csrf=${csrf}
expect status 303
capture second header Location /policy/assessments/([0-9]+)
POST /policy/assessments/${second}/helpline/decide level=3&confidence=medium&evidence=A free national line now runs.&csrf=${csrf}
expect status 303
GET /policy/assessments/${second}/result
expect status 200
expect body ~ class="radar-before"
expect body ~ Compared with the assessment before it, “National self-assessment 2025”
expect body ~ 1 of 21 capabilities decided
expect body matches 11. Child helpline</th><td>[^<]*</td>\s*<td>3. Established <span class="verdict">↑ up</span>

