# The train-the-trainer path to certification, over three generations:
# trainer.KE (given the role: a root of the cascade) runs a
# train-the-trainer session for candidate 1, who after the trainers'
# course, that session and a supervised delivery to five people confirmed
# by trainer.KE, is certified; candidate 1 then trains candidate 2 the
# same way, who runs a training of their own.  The cascade's totals, its
# page and the country report are checked against those numbers.
# Phase 1 is the real trainers' course: tests/http/take-course passes its
# quizzes through the pages with the right answers of its course.txt.
cookies clear
GET /signup
POST /signup country=KE&username=t22.c1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=trainers&csrf=${csrf}
expect status 303
set user.c1 t22.c1
set pass.c1 amber-lantern-river-42
cookies clear
GET /signup
POST /signup country=KE&username=t22.c2&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=trainers&csrf=${csrf}
expect status 303
set user.c2 t22.c2
set pass.c2 amber-lantern-river-42
cookies clear
GET /signup
POST /signup country=KE&username=t22.a1&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.a1 t22.a1
set pass.a1 amber-lantern-river-42
cookies clear
GET /signup
POST /signup country=KE&username=t22.a2&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.a2 t22.a2
set pass.a2 amber-lantern-river-42
cookies clear
GET /signup
POST /signup country=KE&username=t22.a3&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.a3 t22.a3
set pass.a3 amber-lantern-river-42
cookies clear
GET /signup
POST /signup country=KE&username=t22.a4&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.a4 t22.a4
set pass.a4 amber-lantern-river-42
cookies clear
GET /signup
POST /signup country=KE&username=t22.a5&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=parents&csrf=${csrf}
expect status 303
set user.a5 t22.a5
set pass.a5 amber-lantern-river-42
cookies clear
login c1
GET /learn/trainings/new
expect status 403
GET /learn/trainer-path
expect status 200
expect body matches To do:\s+pass the online course
cookies clear
login c1
POST /learn/trainers/enrol csrf=${csrf}
expect status 303
capture s_c1 cookie cophub_session
exec ${data}/tests/http/take-course http://127.0.0.1:${port} 'cophub_session=${s_c1}' ${data}/content/learn/trainers >/dev/null
GET /learn/trainers
expect body ~ You have completed this course.
GET /learn/trainer-path
expect body matches Done:\s+pass the online course
expect body matches To do:\s+attend a train-the-trainer session
# phase 1 alone does not open the supervised delivery
GET /learn/trainings/new
expect status 403
cookies clear
login trainer.KE
POST /learn/trainings kind=tot&course=trainers&title=Train-the-trainer+week&starts=2030-06-01T09:00&ends=2030-06-01T16:00&place=Teachers+college&lang=en&audience=trainers&capacity=10&csrf=${csrf}
expect status 303
capture s0 header Location /learn/trainings/([0-9]+)
cookies clear
login c1
POST /learn/trainings/${s0}/register csrf=${csrf}
expect status 303
cookies clear
login trainer.KE
GET /learn/trainings/${s0}
capture r_c1 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.c1<
POST /learn/trainings/${s0}/attendance a_${r_c1}=1&csrf=${csrf}
expect status 303
cookies clear
login c1
GET /learn/trainer-path
expect body matches Done:\s+attend a train-the-trainer session
expect body ~ Schedule your supervised delivery
GET /learn/trainings/new
expect status 200
expect body ~ value="supervised"
expect body !~ value="tot"
# a candidate schedules only their supervised delivery
POST /learn/trainings kind=tot&course=trainers&title=Too+early&starts=2030-06-01T09:00&ends=2030-06-01T16:00&place=Hall&lang=en&audience=trainers&capacity=10&csrf=${csrf}
expect status 400
POST /learn/trainings kind=supervised&course=parents-carers&title=Talking+with+children+about+their+online+life&starts=2030-06-01T09:00&ends=2030-06-01T16:00&place=Teachers+college&lang=en&audience=parents&capacity=10&csrf=${csrf}
expect status 303
capture d1 header Location /learn/trainings/([0-9]+)
cookies clear
login a1
POST /learn/trainings/${d1}/register csrf=${csrf}
expect status 303
cookies clear
login a2
POST /learn/trainings/${d1}/register csrf=${csrf}
expect status 303
cookies clear
login a3
POST /learn/trainings/${d1}/register csrf=${csrf}
expect status 303
cookies clear
login a4
POST /learn/trainings/${d1}/register csrf=${csrf}
expect status 303
cookies clear
login a5
POST /learn/trainings/${d1}/register csrf=${csrf}
expect status 303
cookies clear
login c1
GET /learn/trainings/${d1}
capture r_a1 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a1<
capture r_a2 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a2<
capture r_a3 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a3<
capture r_a4 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a4<
POST /learn/trainings/${d1}/attendance a_${r_a1}=1&a_${r_a2}=1&a_${r_a3}=1&a_${r_a4}=1&csrf=${csrf}
expect status 303
# the candidate does not confirm their own delivery
POST /learn/trainings/${d1}/confirm csrf=${csrf}
expect status 403
cookies clear
login trainer.KE
POST /learn/trainings/${d1}/confirm csrf=${csrf}
expect status 409
expect body ~ needs at least five people recorded as attending
cookies clear
login c1
GET /learn/trainings/${d1}
capture r_a1 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a1<
capture r_a2 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a2<
capture r_a3 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a3<
capture r_a4 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a4<
capture r_a5 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a5<
POST /learn/trainings/${d1}/attendance a_${r_a1}=1&a_${r_a2}=1&a_${r_a3}=1&a_${r_a4}=1&a_${r_a5}=1&csrf=${csrf}
expect status 303
cookies clear
login learner.KE
POST /learn/trainings/${d1}/confirm csrf=${csrf}
expect status 403
cookies clear
login trainer.FR
POST /learn/trainings/${d1}/confirm csrf=${csrf}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM cascade c JOIN users u ON u.id = c.user_id WHERE u.username = 't22.c1'" "0"
cookies clear
login trainer.KE
GET /learn/trainings/${d1}
expect body ~ Confirm this supervised delivery
POST /learn/trainings/${d1}/confirm csrf=${csrf}
expect status 303
POST /learn/trainings/${d1}/confirm csrf=${csrf}
expect status 409
expect body ~ already confirmed
exec ${data}/tests/http/sql '${db}' "SELECT u.role, c.depth, CASE WHEN c.parent_id = ${id.trainer.KE} THEN 1 ELSE 0 END, c.sessions, c.reached FROM cascade c JOIN users u ON u.id = c.user_id WHERE u.username = 't22.c1'" "trainer|1|1|1|5"
cookies clear
login c1
GET /learn/trainer-path
expect body ~ You are a certified trainer.
POST /learn/trainer-path/certificate name=Joseph+Otieno&csrf=${csrf}
expect status 303
GET /learn/certificates
capture tcode body <code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>
GET /verify/${tcode}
expect body ~ This certificate is valid.
GET /learn/certificates/${tcode}/pdf
expect status 200
capture sess cookie cophub_session
exec curl -sf -b 'cophub_session=${sess}' 'http://127.0.0.1:${port}/learn/certificates/${tcode}/pdf' | pdftotext - - | tr -s ' \n' ' ' | grep -q 'Certified trainer This certifies that Joseph Otieno'
GET /account/data
expect body ~ "generation": "1"
expect body ~ "title": "Talking with children about their online life"
# the second candidate could not ask for one
cookies clear
login c2
POST /learn/trainer-path/certificate name=Too+Early&csrf=${csrf}
expect status 403
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM certificates WHERE kind = 'trainer'" "1"
cookies clear
login c2
POST /learn/trainers/enrol csrf=${csrf}
expect status 303
capture s_c2 cookie cophub_session
exec ${data}/tests/http/take-course http://127.0.0.1:${port} 'cophub_session=${s_c2}' ${data}/content/learn/trainers >/dev/null
GET /learn/trainers
expect body ~ You have completed this course.
cookies clear
login c1
POST /learn/trainings kind=tot&course=trainers&title=Train-the-trainer+again&starts=2030-06-01T09:00&ends=2030-06-01T16:00&place=Teachers+college&lang=en&audience=trainers&capacity=10&csrf=${csrf}
expect status 303
capture s1 header Location /learn/trainings/([0-9]+)
cookies clear
login c2
POST /learn/trainings/${s1}/register csrf=${csrf}
expect status 303
cookies clear
login c1
GET /learn/trainings/${s1}
capture r_c2 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.c2<
POST /learn/trainings/${s1}/attendance a_${r_c2}=1&csrf=${csrf}
expect status 303
cookies clear
login c2
POST /learn/trainings kind=supervised&course=parents-carers&title=Screens+and+sleep&starts=2030-06-01T09:00&ends=2030-06-01T16:00&place=Teachers+college&lang=en&audience=parents&capacity=10&csrf=${csrf}
expect status 303
capture d2 header Location /learn/trainings/([0-9]+)
cookies clear
login a1
POST /learn/trainings/${d2}/register csrf=${csrf}
expect status 303
cookies clear
login a2
POST /learn/trainings/${d2}/register csrf=${csrf}
expect status 303
cookies clear
login a3
POST /learn/trainings/${d2}/register csrf=${csrf}
expect status 303
cookies clear
login a4
POST /learn/trainings/${d2}/register csrf=${csrf}
expect status 303
cookies clear
login a5
POST /learn/trainings/${d2}/register csrf=${csrf}
expect status 303
cookies clear
login c2
GET /learn/trainings/${d2}
capture r_a1 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a1<
capture r_a2 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a2<
capture r_a3 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a3<
capture r_a4 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a4<
capture r_a5 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a5<
POST /learn/trainings/${d2}/attendance a_${r_a1}=1&a_${r_a2}=1&a_${r_a3}=1&a_${r_a4}=1&a_${r_a5}=1&csrf=${csrf}
expect status 303
cookies clear
login c1
POST /learn/trainings/${d2}/confirm csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT u.role, c.depth, CASE WHEN c.parent_id = ${id.trainer.KE} THEN 1 ELSE 0 END, c.sessions, c.reached FROM cascade c JOIN users u ON u.id = c.user_id WHERE u.username = 't22.c2'" "trainer|2|0|1|5"
exec ${data}/tests/http/sql '${db}' "SELECT p.username FROM cascade c JOIN users u ON u.id = c.user_id JOIN users p ON p.id = c.parent_id WHERE u.username = 't22.c2'" "t22.c1"
cookies clear
login c2
POST /learn/trainings kind=training&course=educators&title=Online+safety+in+the+classroom&starts=2030-06-01T09:00&ends=2030-06-01T16:00&place=Teachers+college&lang=en&audience=educators&capacity=10&csrf=${csrf}
expect status 303
capture t3 header Location /learn/trainings/([0-9]+)
cookies clear
login a1
POST /learn/trainings/${t3}/register csrf=${csrf}
expect status 303
cookies clear
login a2
POST /learn/trainings/${t3}/register csrf=${csrf}
expect status 303
cookies clear
login a3
POST /learn/trainings/${t3}/register csrf=${csrf}
expect status 303
cookies clear
login c2
GET /learn/trainings/${t3}
capture r_a1 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a1<
capture r_a2 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a2<
capture r_a3 body name="a_([0-9]+)" value="1"[^>]*> <label for="a-[0-9]+">t22.a3<
POST /learn/trainings/${t3}/attendance a_${r_a1}=1&a_${r_a2}=1&a_${r_a3}=1&csrf=${csrf}
expect status 303
cookies clear
login coordinator.KE
GET /learn/reports/KE
expect body ~ averages show once three people have answered.
cookies clear
login a1
POST /learn/trainings/${t3}/feedback useful=5&clear=4&confident=4&recommend=5&csrf=${csrf}
expect status 303
cookies clear
login a2
POST /learn/trainings/${t3}/feedback useful=5&clear=4&confident=4&recommend=5&csrf=${csrf}
expect status 303
cookies clear
login a3
POST /learn/trainings/${t3}/feedback useful=5&clear=4&confident=4&recommend=5&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT u.username, c.sessions, c.reached, c.reached_below, c.trainers_below FROM cascade c JOIN users u ON u.id = c.user_id WHERE u.username LIKE 't22.%' ORDER BY 1" "t22.c1|2|6|8|1;t22.c2|2|8|0|0"
exec ${data}/tests/http/sql '${db}' "SELECT reached_below, trainers_below FROM cascade WHERE user_id = ${id.trainer.KE}" "14|2"
exec ${data}/tests/http/sql '${db}' "SELECT audience, n FROM learn_totals WHERE country = 'KE' AND metric = 'reached_through' AND n <> 0 ORDER BY audience" "educators|3;parents|10;trainers|1"
exec ${data}/tests/http/sql '${db}' "SELECT n FROM learn_totals WHERE country = 'KE' AND metric = 'trainers'" "2"
cookies clear
login coordinator.KE
GET /learn/cascade/KE
expect status 200
expect body ~ <svg class="tree"
expect body ~ >t22.c1</a>
expect body ~ >t22.c2</a>
capture c1id body href="/learn/cascade/KE\?from=([0-9]+)">t22.c1<
GET /learn/cascade/KE?from=${c1id}
expect status 200
expect body ~ From t22.c1: 6 reached directly, 8 through 1 trainers below.
expect body matches 2 certified trainers.
expect body matches <th scope="row">Parents and carers</th><td>[0-9]+</td><td>[0-9]+</td><td>10</td>
expect body matches <th scope="row">Educators and social workers</th><td>1</td><td>0</td><td>3</td>
GET /learn/cascade/KE?from=999999
expect status 404
GET /learn/cascade/FR
expect status 403
# the report and its CSV
GET /learn/reports/KE
expect status 200
expect body matches <dt>Certified trainers</dt><dd>2</dd>
expect body matches <dt>People reached through the trainers trained</dt><dd>14</dd>
expect body ~ <svg width="420"
expect body matches <dt>Useful</dt><dd>5.0</dd>
GET /learn/reports/KE/csv
expect status 200
expect header Content-Type ~ text/csv
expect body ~ country,course,audience,metric,value
expect body ~ KE,,,trainers,2
expect body ~ KE,,parents,reached_through,10
expect body ~ KE,,educators,reached_through,3
expect body matches KE,,,feedback_useful,[1-9][0-9]*
cookies clear
login trainer.KE
GET /learn/cascade/KE
expect status 200
GET /learn/reports/KE
expect status 403
cookies clear
login coordinator.FR
GET /learn/cascade/KE
expect status 403
GET /learn/reports/KE/csv
expect status 403
cookies clear
login c2
GET /learn/reports/KE
expect status 403
