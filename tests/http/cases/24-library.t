# The guidelines library: the four sets, a set's contents, a chapter with
# its numbered items anchored by their ids, links to the game's tips, the
# courses and other items, the notice that it is a summary, and the
# country's helpline in place of {helpline}.  Public: no sign-in.
GET /library
expect status 200
expect security-headers
expect body ~ href="/library/children?in=en"
expect body ~ href="/library/parents?in=en"
expect body ~ href="/library/industry?in=en"
expect body ~ href="/library/policy?in=en"
expect body ~ It is not the official text, which ITU publishes at itu-cop-guidelines.com.
expect body !~ not yet translated into your language
# in the reader's language: the shipped translations
GET /library?lang=fr
expect body ~ <html lang="fr"
expect body !~ en anglais
expect body ~ <li class="card" lang="fr" dir="ltr">
expect body ~ href="/library/children?in=fr">Lignes directrices
GET /library/children/you-online?lang=ar
expect body ~ <html lang="ar" dir="rtl"
expect body ~ <div lang="ar" dir="rtl">
expect body ~ <li id="you-online.rights.1" lang="ar" dir="rtl">
expect body !~ <li id="you-online.rights.1" lang="en"
# ?in= reads the texts in another language than the page's
GET /library/children/you-online?lang=en&in=es
expect body ~ <html lang="en"
expect body ~ <li id="you-online.rights.1" lang="es" dir="ltr">
GET /library/children/you-online?in=xx
expect body ~ <li id="you-online.rights.1" lang="en" dir="ltr">
GET /library/parents?lang=en
expect status 200
expect body ~ <a href="/library/parents/online-lives?in=en" lang="en" dir="ltr">
expect body ~ <a href="/library/parents/online-lives?in=en#online-lives.rights" lang="en" dir="ltr">
GET /library/parents/online-lives
expect status 200
expect body ~ <section id="online-lives.benefits" aria-labelledby="h-online-lives.benefits" lang="en" dir="ltr">
expect body ~ <li id="online-lives.benefits.1" lang="en" dir="ltr">
expect body ~ <li id="online-lives.rights.2" lang="en" dir="ltr">
expect body ~ href="/learn/parents-carers">Course</a>
expect body ~ href="/play/tips#rights">Tips for children</a>
expect body ~ href="/library/parents/talk#talk.agree">talk.agree</a>
expect body ~ rel="next"
expect body !~ rel="prev"
# the helpline of the country the site serves (KE), or the fallback
GET /library/children/people
expect status 200
expect body ~ <li id="people.already.1" lang="en" dir="ltr">
expect body !~ {helpline}
# in another language, the filled words are in the text's language
GET /library/children/people?lang=fr
expect body !~ {helpline}
expect body !~ an adult you trust
expect body matches (un adulte de confiance|Kids Line Test)
# what does not exist
GET /library/nothing?lang=en
expect status 404
expect body ~ There is no such set of guidelines.
GET /library/parents/nothing
expect status 404
expect body ~ There is no such chapter.
# a section is not a chapter page: its link is the chapter's, with an anchor
GET /library/parents/online-lives.benefits
expect status 404
GET /library/parents/online-lives.benefits.1
expect status 404

# the checklist: every checklist item to tick; the ticks come back only as
# the reader's PDF, made for the request and stored nowhere
GET /library/parents?lang=en
expect body ~ href="/library/parents/checklist?in=en"
GET /library/parents/checklist
expect status 200
expect body ~ <form method="post" action="/library/parents/checklist?in=en" class="form checklist" data-set="parents">
expect body ~ name="c_online-lives.benefits.5"
expect body ~ name="c_online-lives.rights.4"
expect body !~ name="c_online-lives.benefits.1"
expect body ~ <script src="/static/library/checklist.js
POST /library/parents/checklist c_online-lives.benefits.5=1&c_online-lives.rights.4=1&c_not.an.item=1
expect status 403
POST /library/parents/checklist csrf=${csrf}&c_online-lives.benefits.5=1&c_online-lives.rights.4=1&c_not.an.item=1
expect status 200
expect header Content-Type = application/pdf
expect header Cache-Control ~ no-store
expect body ~ %PDF-
exec curl -sf -c ${tmp}/cl.jar -b ${tmp}/cl.jar 'http://127.0.0.1:${port}/library/parents/checklist?lang=en' | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1 > ${tmp}/cl.csrf && curl -sf -c ${tmp}/cl.jar -b ${tmp}/cl.jar -H 'Origin: http://127.0.0.1:${port}' --data "csrf=$(cat ${tmp}/cl.csrf)&c_online-lives.benefits.5=1&c_online-lives.rights.4=1" 'http://127.0.0.1:${port}/library/parents/checklist' | pdftotext - - | tr -s ' \n' ' ' | grep -q "Checklist: Guidelines for parents.* 2 of $(grep -c '^type: checklist' ${data}/content/library/parents.txt) done"
GET /library/nothing/checklist
expect status 404
GET /static/library/checklist.js
expect status 200
expect header Content-Type ~ javascript

# search: across the four sets, each result linking to its item
GET /library?lang=en
expect body ~ <form method="get" action="/library/search" class="form search" role="search">
GET /library/search?q=grooming
expect status 200
expect body ~ href="/library/parents/risks#risks.grooming
expect body matches [0-9]+ results
GET /library/search?q=GROOMING+warning+signs
expect status 200
expect body ~ href="/library/parents/risks#risks.grooming
# words that are operators elsewhere are only words here
GET /library/search?q=%22grooming+*+(+-+%22
expect status 200
expect body ~ href="/library/parents/risks#risks.grooming
# placeholders are filled in results too
GET /library/search?q=police+report+grooming
expect body !~ {report}
GET /library/search?q=zzxqvk
expect status 200
expect body ~ Nothing found.
GET /library/search?q=%2A%2A%2A
expect status 200
expect body ~ Nothing found.
GET /library/search?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
expect status 400
# children's and industry's words are found in their sets
GET /library/search?q=block+report
expect body ~ href="/library/children/
GET /library/search?q=hotline
expect body ~ href="/library/industry/

# each set as a PDF in each language, Arabic and Chinese drawn as text
exec curl -sf 'http://127.0.0.1:${port}/library/parents/pdf?in=zh' > '${tmp}/zh.pdf' && pdftotext -enc UTF-8 '${tmp}/zh.pdf' - | grep -q '诱骗和性勒索'
exec pdftotext -layout -f 2 -l 2 '${tmp}/zh.pdf' - | grep -qE '^ *目录|^ *内容'
exec curl -sf 'http://127.0.0.1:${port}/library/policy/pdf?in=ar' > '${tmp}/ar.pdf' && pdfinfo '${tmp}/ar.pdf' | grep -qE '^Pages: +([5-9]|[1-9][0-9])$'
exec pdftotext -enc UTF-8 '${tmp}/ar.pdf' - | grep -q 'الأطفال\|حماية'
exec curl -sf 'http://127.0.0.1:${port}/library/industry/pdf?in=en' > '${tmp}/en.pdf' && pdftotext '${tmp}/en.pdf' - | tr '\n' ' ' | grep -q 'It is not the official text, which ITU publishes at'
