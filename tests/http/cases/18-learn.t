# The learning area: the course catalogue, a course and its lessons.
# The shipped courses are drafts (their translations are not all done):
# visitors see none of them, the people who prepare them see them all.
GET /learn
expect status 200
expect body ~ <h1 id="courses">Courses</h1>
expect body ~ The first courses are being translated
expect body !~ href="/learn/parents-carers"
GET /learn/parents-carers
expect status 404
expect body ~ There is no such course.
GET /learn/parents-carers/m1-what-children-enjoy
expect status 404
GET /learn?lang=ar
expect body ~ dir="rtl"

cookies clear
login coordinator.KE
GET /learn
expect status 200
expect body ~ href="/learn/parents-carers"
expect body ~ href="/learn/educators"
expect body ~ href="/learn/industry"
expect body ~ href="/learn/government"
expect body ~ href="/learn/trainers"
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
GET /learn/government/m1-children-online-rights?lang=ru
expect status 200
expect body ~ <article class="lesson" lang="en" dir="ltr">
