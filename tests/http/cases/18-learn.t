# The learning area: the course catalogue, a course and its lessons.
# Visitors see the published courses (their text is in English, French,
# Spanish and Arabic); the people who prepare the courses see the drafts
# too: here draft-course, which tests/http/run adds for these tests.
GET /learn
expect status 200
expect body ~ <h1 id="courses">Courses</h1>
expect body ~ href="/learn/trainers"
expect body !~ Draft: in preparation
expect body ~ href="/learn/industry"
expect body !~ href="/learn/draft-course"
GET /learn/trainers
expect status 200
GET /learn/trainers/m4-responding-to-disclosure?lang=fr
expect status 200
expect body ~ <h1>Quand une personne vous parle d&#39;un préjudice</h1>
expect body !~ lang="en" dir="ltr">
GET /learn/trainers/m4-responding-to-disclosure?lang=ar
expect body ~ <article class="lesson">
expect body ~ dir="rtl"
GET /learn/draft-course?lang=en
expect status 404
expect body ~ There is no such course.
GET /learn/draft-course/m1-draft-lesson
expect status 404

cookies clear
login coordinator.KE
GET /learn
expect status 200
expect body ~ href="/learn/parents-carers"
expect body ~ href="/learn/educators"
expect body ~ href="/learn/industry"
expect body ~ href="/learn/government"
expect body ~ href="/learn/trainers"
expect body ~ href="/learn/draft-course"
expect body ~ Helping your child stay safe online
expect body ~ Draft: in preparation
# the titles in six languages, the rest in English for now
GET /learn?lang=zh
expect body ~ 帮助孩子安全上网
expect body ~ 这门课程目前只有英文版。
GET /learn?lang=en
GET /learn/parents-carers
expect status 200
expect body ~ Module 1: Children&#39;s online lives
expect body ~ href="/learn/parents-carers/m1-what-children-enjoy"
expect body matches The pass mark is 70 %
GET /learn/nothing
expect status 404

# a lesson: Markdown made HTML, the placeholders filled, links to the
# lessons before and after (across modules)
GET /learn/parents-carers/m4-images-and-sextortion
expect status 200
expect body matches <h1>Nude images and sextortion</h1>
expect body ~ <h2>What is sextortion?</h2>
expect body ~ <strong>Do not pay</strong>
expect body ~ <ol>
expect body !~ {report}
expect body !~ {helpline}
expect body ~ rel="prev" href="/learn/parents-carers/m4-grooming-warning-signs"
expect body ~ rel="next" href="/learn/parents-carers/m5-bullying-and-upsetting-content"
expect body !~ ="http
GET /learn/parents-carers/m1-what-children-enjoy
expect body !~ rel="prev"
GET /learn/parents-carers/no-such-lesson
expect status 404
expect body ~ There is no such lesson in this course.
# in a language the lesson is not in yet: English, and said so
GET /learn/draft-course/m1-draft-lesson?lang=ru
expect status 200
expect body ~ <article class="lesson" lang="en" dir="ltr">

# a lesson's images: from the course's images/ folder, described in the
# reader's language, served as static files
GET /learn/trainers/m1-the-trainer-path?lang=en
expect status 200
expect body ~ <img src="/static/learn/trainers/three-phases.svg" alt="The three phases, left to right
GET /learn/trainers/m1-the-trainer-path?lang=fr
expect body ~ <img src="/static/learn/trainers/three-phases.svg" alt="Les trois étapes, de gauche à droite
GET /static/learn/trainers/three-phases.svg
expect status 200
expect header Content-Type ~ image/svg+xml
expect body ~ <svg
GET /static/learn/trainers/none.svg
expect status 404
