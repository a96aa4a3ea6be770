# Enrolment and quizzes: the whole path of a learner through a course
# (the draft-course fixture: every right answer is "a"; 2 attempts allowed
# per quiz), a double submission, an edited answer, another person's
# attempt, the attempt limit, and the course completed.
cookies clear
GET /learn/draft-course/quiz/m1-draft
expect status 303
expect header Location ~ /login
login coordinator.KE
GET /learn/draft-course/quiz/m1-draft
expect status 403
expect body ~ Enrol in the course to take its quizzes.
GET /learn/draft-course?lang=en
expect body ~ Enrol in this course
POST /learn/draft-course/enrol csrf=${csrf}
expect status 303
expect header Location = /learn/draft-course
# twice: still one enrolment
POST /learn/draft-course/enrol csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.username = '${user.coordinator.KE}' AND e.course = 'draft-course'" "1"
GET /learn/draft-course
expect body ~ Continue where you left off
expect body ~ href="/learn/draft-course/m1-draft-lesson">Continue
expect body ~ not taken yet
GET /learn/draft-course/m1-draft-lesson
expect status 200
GET /learn/draft-course
expect body ~ opened
expect body ~ href="/learn/draft-course/m2-draft-lesson">Continue

# a quiz: an attempt is started, and found again until it is sent
GET /learn/draft-course/quiz/m1-draft
expect status 200
expect header Cache-Control ~ no-store
expect body ~ Question 4
capture attempt body name="attempt" value="([0-9a-f]{32})"
GET /learn/draft-course/quiz/m1-draft
capture again body name="attempt" value="([0-9a-f]{32})"
compare attempt again
# failed: every answer wrong; the reasons shown
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=${attempt}&q1=b&q2=b&q3=b&q4=b
expect status 200
expect body ~ Your score: 0 % (0 of 4 questions right)
expect body ~ Not passed yet
expect body ~ The first option is the right one.
expect body ~ Try again
# the same attempt sent again: recorded once
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=${attempt}&q1=a&q2=a&q3=a&q4=a
expect status 409
expect body ~ You have already sent this attempt
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), MAX(score) FROM quiz_attempts WHERE quiz = 'm1-draft' AND submitted_at IS NOT NULL" "1|0"
# an answer the form never offers: refused, nothing recorded
GET /learn/draft-course/quiz/m1-draft
capture second body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=${second}&q1=z&q2=a&q3=a&q4=a
expect status 400
expect body ~ was not sent by the quiz&#39;s form
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM quiz_attempts WHERE quiz = 'm1-draft' AND submitted_at IS NOT NULL" "1"
# no such attempt
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=00000000000000000000000000000000&q1=a
expect status 404
expect body ~ This quiz attempt does not exist.
# passed
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=${second}&q1=a&q2=a&q3=a&q4=a
expect status 200
expect body ~ Your score: 100 % (4 of 4 questions right)
expect body ~ Passed. Well done.
expect body !~ Try again
GET /learn/draft-course
expect body ~ passed, best score 100 %
# both attempts used
GET /learn/draft-course/quiz/m1-draft
expect status 200
expect body ~ You have used all 2 attempts this quiz allows.
expect body !~ name="attempt"

# the other quizzes passed: the course is complete
GET /learn/draft-course/quiz/m2-draft
capture a2 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m2-draft csrf=${csrf}&attempt=${a2}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m3-draft
capture a3 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m3-draft csrf=${csrf}&attempt=${a3}&q1=a&q2=a&q3=a&q4=a
GET /learn/draft-course/quiz/m4-draft
capture a4 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m4-draft csrf=${csrf}&attempt=${a4}&q1=a&q2=a&q3=a&q4=a
GET /learn/draft-course
expect body !~ You have completed this course.
GET /learn/draft-course/quiz/final
expect body ~ Final quiz
expect body ~ Question 8
capture af body name="attempt" value="([0-9a-f]{32})"
# 6 of 8 is 75 %: over the pass mark of 70 %
POST /learn/draft-course/quiz/final csrf=${csrf}&attempt=${af}&q1=a&q2=a&q3=a&q4=a&q5=a&q6=a&q7=b&q8=b
expect body ~ Your score: 75 % (6 of 8 questions right)
expect body ~ Passed.
GET /learn/draft-course
expect body ~ You have completed this course.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM enrolments WHERE course = 'draft-course' AND completed_at IS NOT NULL" "1"

# the certificate: the name as typed, issued once, downloaded as PDF,
# checked by anyone at /verify/CODE
GET /learn/draft-course
expect body ~ Your name as it should appear on the certificate
POST /learn/draft-course/certificate csrf=${csrf}&name=
expect status 400
expect body ~ Write your name on one line
POST /learn/draft-course/certificate csrf=${csrf}&name=Amina%20Yusuf-O%27Neil
expect status 303
expect header Location ~ /learn/certificates#
POST /learn/draft-course/certificate csrf=${csrf}&name=Someone%20Else
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), MIN(name) FROM certificates WHERE course = 'draft-course'" "1|Amina Yusuf-O'Neil"
GET /learn/certificates
expect status 200
expect body ~ Amina Yusuf-O&#39;Neil
capture code body <code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>
GET /learn/certificates/${code}/pdf
expect status 200
expect header Content-Type = application/pdf
expect header Content-Disposition ~ attachment
expect body ~ %PDF-
GET /verify/${code}
expect status 200
expect body ~ This certificate is valid.
expect body ~ Amina Yusuf-O&#39;Neil
expect body ~ Draft course for tests (en)
# the payload it carries checks out offline, with the public key alone
exec ${cophub} certificate verify "$(${data}/tests/http/sql '${db}' "SELECT payload FROM certificates WHERE code = '${code}'")" --public-key "$(${cophub} certificate key --db '${db}')" | grep -q "^name: Amina Yusuf-O'Neil$"
# the learner's own data holds it all
GET /account/data
expect status 200
expect body ~ "course": "draft-course"
expect body ~ "lesson": "m1-draft-lesson"
expect body ~ "quiz": "m1-draft"
expect body ~ "code": "${code}"
expect body ~ "name": "Amina Yusuf-O'Neil"
GET /verify/ZZZZ-2222
expect status 404
expect body ~ There is no certificate with the code ZZZZ-2222.
GET /verify/not-a-code
expect status 404

# another person's attempt cannot be answered
cookies clear
login learner.KE
POST /learn/parents-carers/enrol csrf=${csrf}
expect status 303
GET /learn/parents-carers/quiz/m1-online-lives
expect status 200
capture theirs body name="attempt" value="([0-9a-f]{32})"
GET /learn/parents-carers/quiz/nothing
expect status 404
expect body ~ There is no such quiz.
cookies clear
login admin
POST /learn/parents-carers/enrol csrf=${csrf}
POST /learn/parents-carers/quiz/m1-online-lives csrf=${csrf}&attempt=${theirs}&q1=a
expect status 404
expect body ~ This quiz attempt does not exist.
# nor download another person's certificate
GET /learn/certificates/${code}/pdf
expect status 404
# a visitor can check it
cookies clear
GET /verify/${code}
expect status 200
expect body ~ This certificate is valid.
# and a visitor cannot enrol
cookies clear
POST /learn/parents-carers/enrol
expect status 403

# revoking and issuing again: a coordinator of the certificate's country
cookies clear
login coordinator.FR
POST /verify/${code}/revoke csrf=${csrf}&reason=test
expect status 403
expect body ~ Only a coordinator of the certificate&#39;s country can do this.
cookies clear
login coordinator.KE
GET /verify/${code}?lang=en
expect body ~ For coordinators
POST /verify/${code}/revoke csrf=${csrf}&reason=
expect status 400
expect body ~ Give the reason on one line
POST /verify/${code}/revoke csrf=${csrf}&reason=The%20name%20was%20misspelt
expect status 303
expect header Location = /verify/${code}
GET /verify/${code}
expect body ~ This certificate was revoked.
expect body ~ Reason given: The name was misspelt
expect body !~ This certificate is valid.
GET /learn/certificates/${code}/pdf
expect status 410
POST /verify/${code}/reissue csrf=${csrf}
expect status 303
capture fresh header Location /verify/([A-Z0-9]{4}-[A-Z0-9]{4})
GET /verify/${fresh}
expect status 200
expect body ~ This certificate is valid.
expect body ~ Amina Yusuf-O&#39;Neil
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), COUNT(revoked_at) FROM certificates WHERE course = 'draft-course'" "2|1"
# the public sees that it was revoked, not why
cookies clear
GET /verify/${code}
expect body ~ This certificate was revoked.
expect body !~ Reason given
expect body !~ For coordinators
