# Self sign-up, and the whole path of a face-to-face training: a trainer
# schedules it, people register beyond its capacity and wait, a
# cancellation moves the waiting list up, the trainer adds someone,
# prints the sign-in sheet and records attendance; those who attended
# answer the anonymous survey once and get a certificate of attendance.
# A trainer of another country cannot see or touch it.

# sign-up is the coordinator's to switch: off, then on
login coordinator.KE
POST /admin/countries/KE default_lang=en&dir=ltr&csrf=${csrf}
expect status 303
cookies clear
GET /signup
expect status 200
expect body !~ <option value="KE"
POST /signup country=KE&username=t21.parent1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 403
expect body ~ Signing up is not open for this country.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM users WHERE username = 't21.parent1'" "0"
login coordinator.KE
GET /admin/countries/KE
expect body !~ name="signup_open" value="1" checked
POST /admin/countries/KE default_lang=en&dir=ltr&signup_open=1&csrf=${csrf}
expect status 303
GET /admin/countries/KE
expect body ~ name="signup_open" value="1" checked
cookies clear

# bad input: each refused with its reason, nothing written
GET /signup?country=KE
expect body ~ <option value="KE" selected>
POST /signup country=KE&username=A&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 400
expect body ~ A username has 3 to 64 characters
POST /signup country=KE&username=t21.parent1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=children&csrf=${csrf}
expect status 400
expect body ~ Choose the group you belong to.
POST /signup country=KE&username=t21.parent1&new_password=amber-lantern-river-42&new_password_again=other-lantern-river-42&audience=parents&csrf=${csrf}
expect status 400
expect body ~ The two new passwords are not the same.
POST /signup country=KE&username=t21.parent1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&email=not-an-address&csrf=${csrf}
expect status 400
expect body ~ This email address does not look right.
POST /signup country=ZZ&username=t21.parent1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 403
POST /signup country=KE&username=${user.trainer.KE}&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 409
expect body ~ This username is taken.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM users WHERE username LIKE 't21.%'" "0"
# signed up: a learner of KE, signed in, with their audience
POST /signup country=KE&username=t21.parent1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&email=parent1@example.org&csrf=${csrf}
expect status 303
expect header Location = /learn?welcome=1
GET /learn?welcome=1
expect body ~ Welcome. Choose a course
expect body ~ href="/learn/trainings"
exec ${data}/tests/http/sql '${db}' "SELECT role, country, audience, email, must_change_password FROM users WHERE username = 't21.parent1'" "learner|KE|parents|parent1@example.org|0"
exec ${data}/tests/http/sql '${db}' "SELECT n FROM learn_totals WHERE country = 'KE' AND metric = 'learners' AND audience = 'parents'" "1"
# the profile: the audience and the email can change, or the email go
POST /account/profile audience=educators&email=&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT audience, COALESCE(email, 'none') FROM users WHERE username = 't21.parent1'" "educators|none"
exec ${data}/tests/http/sql '${db}' "SELECT audience, n FROM learn_totals WHERE country = 'KE' AND metric = 'learners' AND audience IN ('parents', 'educators') ORDER BY audience" "educators|1;parents|0"
# four more
cookies clear
GET /signup
POST /signup country=KE&username=t21.parent2&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
cookies clear
GET /signup
POST /signup country=KE&username=t21.parent3&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
cookies clear
GET /signup
POST /signup country=KE&username=t21.parent4&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
cookies clear
GET /signup
POST /signup country=KE&username=t21.parent5&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.p1 t21.parent1
set pass.p1 amber-lantern-river-42
set user.p2 t21.parent2
set pass.p2 amber-lantern-river-42
set user.p3 t21.parent3
set pass.p3 amber-lantern-river-42
set user.p4 t21.parent4
set pass.p4 amber-lantern-river-42
set user.p5 t21.parent5
set pass.p5 amber-lantern-river-42

# a learner does not schedule trainings
cookies clear
login p1
GET /learn/trainings/new
expect status 403

# the trainer schedules a training of two places; bad fields refused
cookies clear
login trainer.KE
GET /learn/trainings/new
expect status 200
POST /learn/trainings kind=training&course=parents-carers&title=Safer+screens+at+home&starts=2030-05-04T09:00&ends=2030-05-04T08:00&place=Community+hall&lang=en&audience=parents&capacity=2&csrf=${csrf}
expect status 400
expect body ~ The end must come after the start
POST /learn/trainings kind=training&course=parents-carers&title=Safer+screens+at+home&starts=2030-05-04T09:00&ends=2030-05-04T12:00&place=&link=&lang=en&audience=parents&capacity=2&csrf=${csrf}
expect status 400
expect body ~ Give the place, or the link of an online training.
POST /learn/trainings kind=training&course=parents-carers&title=Safer+screens+at+home&starts=2030-05-04T09:00&ends=2030-05-04T12:00&link=javascript:alert(1)&lang=en&audience=parents&capacity=2&csrf=${csrf}
expect status 400
POST /learn/trainings kind=training&course=parents-carers&title=Safer+screens+at+home&starts=2030-05-04T09:00&ends=2030-05-04T12:00&place=Community+hall&lang=en&audience=parents&capacity=0&csrf=${csrf}
expect status 400
POST /learn/trainings kind=supervised&course=parents-carers&title=Safer+screens+at+home&starts=2030-05-04T09:00&ends=2030-05-04T12:00&place=Community+hall&lang=en&audience=parents&capacity=2&csrf=${csrf}
expect status 400
expect body ~ Choose the kind of training from the list.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM trainings" "0"
POST /learn/trainings kind=training&course=parents-carers&title=Safer+screens+at+home&starts=2030-05-04T09:00&ends=2030-05-04T12:00&place=Community+hall&lang=en&audience=parents&capacity=2&csrf=${csrf}
expect status 303
capture tid header Location /learn/trainings/([0-9]+)
GET /learn/trainings/${tid}
expect body ~ Safer screens at home
expect body ~ 2030-05-04 09:00 to 12:00
expect body ~ 0 of 2 taken, 0 waiting
expect body ~ Nobody is registered yet.

# two register, the third and fourth wait, in order
cookies clear
login p1
GET /learn/trainings
expect body ~ href="/learn/trainings/${tid}"
GET /learn/trainings/${tid}
expect body ~ >Register</button>
expect body !~ Print the sign-in sheet
POST /learn/trainings/${tid}/register csrf=${csrf}
expect status 303
GET /learn/trainings/${tid}
expect body ~ You are registered.
# twice: one registration
POST /learn/trainings/${tid}/register csrf=${csrf}
expect status 303
cookies clear
login p2
POST /learn/trainings/${tid}/register csrf=${csrf}
cookies clear
login p3
GET /learn/trainings/${tid}
expect body ~ Join the waiting list
POST /learn/trainings/${tid}/register csrf=${csrf}
GET /learn/trainings/${tid}
expect body ~ You are number 1 on the waiting list.
cookies clear
login p4
POST /learn/trainings/${tid}/register csrf=${csrf}
GET /learn/trainings/${tid}
expect body ~ You are number 2 on the waiting list.
exec ${data}/tests/http/sql '${db}' "SELECT u.username, g.status FROM registrations g JOIN users u ON u.id = g.user_id WHERE g.training_id = ${tid} ORDER BY u.username" "t21.parent1|registered;t21.parent2|registered;t21.parent3|waiting;t21.parent4|waiting"

# one cancels: the first waiting takes the place
cookies clear
login p1
POST /learn/trainings/${tid}/cancel csrf=${csrf}
expect status 303
POST /learn/trainings/${tid}/cancel csrf=${csrf}
expect status 409
expect body ~ You are not registered for this training.
cookies clear
login p3
GET /learn/trainings/${tid}
expect body ~ You are registered.
cookies clear
login p4
GET /learn/trainings/${tid}
expect body ~ You are number 1 on the waiting list.
exec ${data}/tests/http/sql '${db}' "SELECT u.username, g.status FROM registrations g JOIN users u ON u.id = g.user_id WHERE g.training_id = ${tid} ORDER BY u.username" "t21.parent1|cancelled;t21.parent2|registered;t21.parent3|registered;t21.parent4|waiting"

# a trainer of another country: no such training, nothing to touch
cookies clear
login trainer.FR
GET /learn/trainings/${tid}
expect status 404
POST /learn/trainings/${tid}/add username=t21.parent5&csrf=${csrf}
expect status 404
POST /learn/trainings/${tid}/attendance a_1=1&csrf=${csrf}
expect status 404
GET /learn/trainings/${tid}/sheet
expect status 404
GET /learn/trainings
expect body !~ Safer screens at home
# a learner of the country sees it but does not manage it
cookies clear
login p2
POST /learn/trainings/${tid}/add username=t21.parent5&csrf=${csrf}
expect status 403
GET /learn/trainings/${tid}/sheet
expect status 403
POST /learn/trainings/${tid}/attendance csrf=${csrf}
expect status 403

# the trainer adds one (full: they wait), prints the sheet, marks who came
cookies clear
login trainer.KE
POST /learn/trainings/${tid}/add username=learner.fr&csrf=${csrf}
expect status 400
expect body ~ There is no account of this country with that username.
POST /learn/trainings/${tid}/add username=T21.Parent5&csrf=${csrf}
expect status 303
expect header Location ~ added=waiting
GET /learn/trainings/${tid}
expect body ~ 2 of 2 taken, 2 waiting
expect body ~ <li>t21.parent4</li><li>t21.parent5</li>
GET /learn/trainings/${tid}/sheet
expect status 200
expect header Content-Type = application/pdf
expect body ~ %PDF-
# the sheet lists the registered, not the waiting
capture sess cookie cophub_session
exec curl -sf -b 'cophub_session=${sess}' 'http://127.0.0.1:${port}/learn/trainings/${tid}/sheet' | pdftotext - - | tr -s ' \n' ' ' | grep -q 't21.parent2 .*t21.parent3'
exec ! curl -sf -b 'cophub_session=${sess}' 'http://127.0.0.1:${port}/learn/trainings/${tid}/sheet' | pdftotext - - | grep -q 't21.parent4'
exec curl -sf -b 'cophub_session=${sess}' 'http://127.0.0.1:${port}/learn/trainings/${tid}/sheet' | pdftotext - - | grep -q 'Signature'
GET /learn/trainings/${tid}
capture r2 body name="a_([0-9]+)" value="1"> <label for="a-[0-9]+">t21.parent2<
capture r3 body name="a_([0-9]+)" value="1"> <label for="a-[0-9]+">t21.parent3<
POST /learn/trainings/${tid}/attendance a_${r2}=1&a_${r3}=1&csrf=${csrf}
expect status 303
GET /learn/trainings/${tid}
expect body ~ 2 people attended.
# saved again, the same: nothing counted twice
POST /learn/trainings/${tid}/attendance a_${r2}=1&a_${r3}=1&csrf=${csrf}
exec ${data}/tests/http/sql '${db}' "SELECT attendees FROM trainings WHERE id = ${tid}" "2"
exec ${data}/tests/http/sql '${db}' "SELECT n FROM learn_totals WHERE country = 'KE' AND metric = 'attended' AND audience = 'parents'" "2"
# one of them after all did not come: unmarked
POST /learn/trainings/${tid}/attendance a_${r2}=1&csrf=${csrf}
exec ${data}/tests/http/sql '${db}' "SELECT attendees FROM trainings WHERE id = ${tid}" "1"
POST /learn/trainings/${tid}/attendance a_${r2}=1&a_${r3}=1&csrf=${csrf}
exec ${data}/tests/http/sql '${db}' "SELECT attendees FROM trainings WHERE id = ${tid}" "2"
exec ${data}/tests/http/sql '${db}' "SELECT reached, sessions FROM cascade WHERE user_id = ${id.trainer.KE}" "2|1"

# someone who attended: the survey once, anonymous
cookies clear
login p2
GET /learn/trainings/${tid}
expect body ~ You attended this training
expect body ~ A short survey, anonymous
POST /learn/trainings/${tid}/feedback useful=5&clear=4&confident=9&recommend=5&csrf=${csrf}
expect status 400
expect body ~ Answer each question with a number from 1 to 5.
POST /learn/trainings/${tid}/feedback useful=5&clear=4&confident=4&recommend=5&csrf=${csrf}
expect status 303
POST /learn/trainings/${tid}/feedback useful=1&clear=1&confident=1&recommend=1&csrf=${csrf}
expect status 409
expect body ~ You have already answered the survey.
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), SUM(useful) FROM training_feedback WHERE training_id = ${tid}" "1|5"
# the certificate of attendance, issued once, valid
POST /learn/trainings/${tid}/certificate name=&csrf=${csrf}
expect status 400
POST /learn/trainings/${tid}/certificate name=Grace+Wanjiru&csrf=${csrf}
expect status 303
POST /learn/trainings/${tid}/certificate name=Grace+Wanjiru&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), MIN(name), MIN(kind) FROM certificates WHERE training_id = ${tid}" "1|Grace Wanjiru|attendance"
GET /learn/certificates
expect body ~ <h3>Safer screens at home</h3>
capture acode body <code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>
GET /verify/${acode}
expect status 200
expect body ~ This certificate is valid.
expect body ~ <dd>Certificate of attendance</dd>
expect body ~ <dd>Safer screens at home</dd>
GET /learn/certificates/${acode}/pdf
expect status 200
capture sess2 cookie cophub_session
exec curl -sf -b 'cophub_session=${sess2}' 'http://127.0.0.1:${port}/learn/certificates/${acode}/pdf' | pdftotext - - | grep -q 'Certificate of attendance'
exec curl -sf -b 'cophub_session=${sess2}' 'http://127.0.0.1:${port}/learn/certificates/${acode}/pdf' | pdftotext - - | grep -q 'Safer screens at home'
# their data holds the registration (and only that the survey was sent)
GET /account/data
expect status 200
expect body ~ "training": "Safer screens at home"
expect body ~ "survey_sent": "1"
expect body ~ "audience": "parents"
expect body ~ "kind": "attendance"
expect body !~ "useful"
# someone who did not attend: neither
cookies clear
login p4
POST /learn/trainings/${tid}/feedback useful=5&clear=5&confident=5&recommend=5&csrf=${csrf}
expect status 403
POST /learn/trainings/${tid}/certificate name=Someone&csrf=${csrf}
expect status 403
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM training_feedback WHERE training_id = ${tid}" "1"

# enrolment by a trainer: all the names, or none
cookies clear
login trainer.KE
POST /learn/parents-carers/enrol-others usernames=t21.parent4%0At21.nobody%0Alearner.fr&csrf=${csrf}
expect status 400
expect body ~ t21.nobody, learner.fr
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.username LIKE 't21.%'" "0"
POST /learn/parents-carers/enrol-others usernames=t21.parent4%0AT21.Parent5,+t21.parent4&csrf=${csrf}
expect status 303
expect header Location = /learn/parents-carers?enrolled=2
GET /learn/parents-carers?enrolled=2
expect body ~ 2 people enrolled.
exec ${data}/tests/http/sql '${db}' "SELECT u.username, CASE WHEN e.enrolled_by = ${id.trainer.KE} THEN 1 ELSE 0 END FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.username LIKE 't21.%' ORDER BY 1" "t21.parent4|1;t21.parent5|1"
# a learner cannot
cookies clear
login p2
POST /learn/parents-carers/enrol-others usernames=t21.parent3&csrf=${csrf}
expect status 403

# calling a training off: only before anyone attended, by who manages it
cookies clear
login trainer.KE
POST /learn/trainings/${tid}/call-off csrf=${csrf}
expect status 409
expect body ~ People are recorded as attending
POST /learn/trainings kind=training&course=parents-carers&title=Evening+session&starts=2030-05-11T18:00&ends=2030-05-11T20:00&place=Library&lang=en&audience=parents&capacity=10&csrf=${csrf}
expect status 303
capture t2 header Location /learn/trainings/([0-9]+)
exec ${data}/tests/http/sql '${db}' "SELECT n FROM learn_totals WHERE country = 'KE' AND metric = 'sessions' AND audience = 'parents' AND course = ''" "2"
cookies clear
login p4
POST /learn/trainings/${t2}/register csrf=${csrf}
expect status 303
POST /learn/trainings/${t2}/call-off csrf=${csrf}
expect status 403
cookies clear
login trainer.FR
POST /learn/trainings/${t2}/call-off csrf=${csrf}
expect status 404
cookies clear
login trainer.KE
GET /learn/trainings/${t2}
expect body ~ Call the training off
POST /learn/trainings/${t2}/call-off csrf=${csrf}
expect status 303
GET /learn/trainings/${t2}
expect body ~ This training was called off.
expect body !~ Call the training off
POST /learn/trainings/${t2}/call-off csrf=${csrf}
expect status 409
POST /learn/trainings/${t2}/add username=t21.parent5&csrf=${csrf}
expect status 409
exec ${data}/tests/http/sql '${db}' "SELECT n FROM learn_totals WHERE country = 'KE' AND metric = 'sessions' AND audience = 'parents' AND course = ''" "1"
cookies clear
login p5
POST /learn/trainings/${t2}/register csrf=${csrf}
expect status 409
expect body ~ This training was called off.
