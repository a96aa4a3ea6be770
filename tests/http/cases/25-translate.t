# The translation workflow: a coordinator adds a national language
# (Swahili) and gives it a translator and a reviewer; the translator's
# work is published only once the reviewer approves it; the reading pages
# fall back to English with a notice; search in a translated language;
# checks on save, a racing edit, the glossary, the translation memory,
# comments, export and import; access per language.

# --- a coordinator adds a language: bad input first, nothing added
login coordinator.KE
GET /translate
expect status 200
expect body ~ Add a language
POST /translate/languages code=s%20w&name=Kiswahili&english=Swahili&dir=ltr&plural_forms=nplurals%3D2%3B+plural%3D(n+!%3D+1)%3B&csrf=${csrf}
expect status 400
POST /translate/languages code=sw&name=&english=Swahili&dir=ltr&plural_forms=nplurals%3D2%3B+plural%3D(n+!%3D+1)%3B&csrf=${csrf}
expect status 400
POST /translate/languages code=sw&name=Kiswahili&english=Swahili&dir=up&plural_forms=nplurals%3D2%3B+plural%3D(n+!%3D+1)%3B&csrf=${csrf}
expect status 400
POST /translate/languages code=sw&name=Kiswahili&english=Swahili&dir=ltr&plural_forms=nplurals%3Dmany&csrf=${csrf}
expect status 400
POST /translate/languages code=fr&name=Fran%C3%A7ais&english=French&dir=ltr&plural_forms=nplurals%3D2%3B+plural%3D(n+%3E+1)%3B&csrf=${csrf}
expect status 400
expect body ~ This language is already there.
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM languages WHERE code = 'sw'" 0
POST /translate/languages code=sw&name=Kiswahili&english=Swahili&dir=ltr&plural_forms=nplurals%3D2%3B+plural%3D(n+!%3D+1)%3B&csrf=${csrf}
expect status 303
expect header Location = /translate?added=sw
GET /translate?added=sw
expect body ~ The language sw was added.
# the public page lists it at once, with nothing translated yet
GET /library/languages
expect status 200
expect body ~ <span lang="sw" dir="ltr">Kiswahili</span> (Swahili)
expect body ~ href="/library/children?in=sw"
expect body ~ Translated and approved: 0%

# --- staff: the country's own translator and reviewer only
GET /translate/staff
expect status 200
POST /translate/staff user=${id.translator.KE}&lang=sw&csrf=${csrf}
expect status 303
POST /translate/staff user=${id.reviewer.KE}&lang=sw&csrf=${csrf}
expect status 303
POST /translate/staff user=${id.translator.FR}&lang=sw&csrf=${csrf}
expect status 404
POST /translate/staff user=${id.trainer.KE}&lang=sw&csrf=${csrf}
expect status 404
POST /translate/staff user=${id.translator.KE}&lang=zz&csrf=${csrf}
expect status 400
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM language_staff WHERE lang = 'sw'" 2

# --- the translator: sees Swahili, not French
cookies clear
login translator.KE
GET /translate
expect status 200
expect body ~ <span lang="sw" dir="ltr">Kiswahili</span>
expect body !~ <span lang="fr"
GET /translate/fr/children
expect status 403
GET /translate/xx/children
expect status 404
GET /translate/sw/nothing
expect status 404
GET /translate/sw/children
expect status 200
expect body ~ you-online#title
GET /translate/sw/children/unit?id=nothing
expect status 404
GET /translate/sw/children/unit?id=you-online%23title
expect status 200
expect body ~ <p class="source" lang="en" dir="ltr">You and the internet</p>
expect body ~ name="version" value="0"
expect body !~ id="approve"
# saved for review: not published yet
POST /translate/sw/children/unit?id=you-online%23title action=save&text=Wewe+na+mtandao&version=0&next=1&csrf=${csrf}
expect status 303
expect header Location = /translate/sw/children/unit?id=you-online%23intro
exec ${data}/tests/http/sql '${db}' "SELECT state || ' ' || version FROM translations WHERE lang = 'sw' AND unit = 'you-online#title'" 'waiting-review 1'
GET /library/children/you-online?in=sw
expect status 200
expect body !~ Wewe na mtandao
expect body ~ You and the internet
expect body ~ These guidelines are not yet translated into this language: they are shown in English.
# a translator may not approve
POST /translate/sw/children/unit?id=you-online%23title action=approve&text=Wewe+na+mtandao&version=1&csrf=${csrf}
expect status 403
# checks on save: a placeholder of the source kept
POST /translate/sw/children/unit?id=people.already.2 action=save&text=Mwambie+mtu+mzima+unayemwamini.&version=0&csrf=${csrf}
expect status 422
expect body ~ The placeholder {helpline} of the source is missing.
POST /translate/sw/children/unit?id=people.already.2 action=save&text=Mwambie+mtu+mzima+%7Bhelpline%7D+%7Bboss%7D.&version=0&csrf=${csrf}
expect status 422
expect body ~ The placeholder {boss} is not in the source.
POST /translate/sw/children/unit?id=people.already.2 action=save&text=+++&version=0&csrf=${csrf}
expect status 422
expect body ~ The translation is empty.
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM translations WHERE lang = 'sw' AND unit = 'people.already.2'" 0
# a racing edit: saved from version 0 when version 1 is there
POST /translate/sw/children/unit?id=you-online%23title action=save&text=Wewe+na+intaneti&version=0&csrf=${csrf}
expect status 409
expect body ~ Someone else saved this unit while you were editing it.
expect body ~ <blockquote lang="sw" dir="ltr" class="their-version">Wewe na mtandao</blockquote>
expect body ~ Wewe na intaneti</textarea>
exec ${data}/tests/http/sql '${db}' "SELECT text || ' ' || version FROM translations WHERE lang = 'sw' AND unit = 'you-online#title'" 'Wewe na mtandao 1'
# a comment for the reviewer
POST /translate/sw/children/comment?id=you-online%23title comment=Is+%22mtandao%22+the+right+word%3F&csrf=${csrf}
expect status 303
POST /translate/sw/children/comment?id=you-online%23title comment=&csrf=${csrf}
expect status 400
# the set's title, for the translation memory below
POST /translate/sw/children/unit?id=%23title action=save&text=Miongozo+kwa+watoto&version=0&csrf=${csrf}
expect status 303
# import: a translator of another language may not
cookies clear
login translator.FR
GET /translate/sw/children
expect status 403
POST /translate/sw/children/unit?id=you-online%23title action=save&text=x&version=1&csrf=${csrf}
expect status 403

# --- the reviewer approves: published, with a notice for the rest
cookies clear
login reviewer.KE
GET /translate/sw/children/unit?id=you-online%23title
expect status 200
expect body ~ id="approve"
expect body ~ Is &quot;mtandao&quot; the right word?
expect body ~ name="version" value="1"
POST /translate/sw/children/unit?id=you-online%23title action=approve&text=Wewe+na+mtandao&version=1&csrf=${csrf}
expect status 303
POST /translate/sw/children/unit?id=%23title action=approve&text=Miongozo+kwa+watoto&version=1&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM translation_history WHERE lang = 'sw' AND unit = 'you-online#title'" 2
GET /library/children/you-online?in=sw
expect status 200
expect body ~ <h1>1. Wewe na mtandao</h1>
expect body ~ <p class="lead" lang="en" dir="ltr">The internet is a great place
expect body ~ Some parts are not yet translated into this language: they are shown in English.
expect body ~ <li id="you-online.rights.1" lang="en" dir="ltr">
GET /library/languages
expect body ~ href="/library/children?in=sw" lang="sw" dir="ltr">Miongozo kwa watoto</a>
# the set as a PDF in Swahili: a cover, contents with page numbers, the
# approved text, the rest in English; each download counted
GET /library/children/pdf?in=sw
expect status 200
expect header Content-Type = application/pdf
expect header Content-Disposition ~ children-sw.pdf
exec curl -s 'http://127.0.0.1:${port}/library/children/pdf?in=sw' > '${tmp}/sw.pdf' && pdftotext -enc UTF-8 '${tmp}/sw.pdf' '${tmp}/sw.txt'
exec grep -q '^Miongozo kwa watoto$' '${tmp}/sw.txt' && grep -q '^1. Wewe na mtandao' '${tmp}/sw.txt' && grep -q 'Tips to help you enjoy the internet' '${tmp}/sw.txt'
exec pdftotext -layout -f 2 -l 2 '${tmp}/sw.pdf' - | grep -qE '1\. Wewe na mtandao +3$'
exec pdftotext -f 3 -l 3 '${tmp}/sw.pdf' - | grep -qE 'Page 3 of [0-9]+'
exec ${data}/tests/http/sql '${db}' "SELECT count FROM library_downloads WHERE set_name = 'children' AND lang = 'sw' AND kind = 'pdf'" 2
# all four sets offline: a zip of pages, with the search index
GET /library/bundle?in=sw
expect status 200
expect header Content-Type = application/zip
expect header Content-Disposition ~ cophub-guidelines-sw.zip
exec curl -s 'http://127.0.0.1:${port}/library/bundle?in=sw' > '${tmp}/sw.zip' && unzip -l '${tmp}/sw.zip' > '${tmp}/sw.list'
exec grep -q 'cophub-guidelines-sw/index.html' '${tmp}/sw.list' && grep -q 'cophub-guidelines-sw/children/you-online.html' '${tmp}/sw.list' && grep -q 'cophub-guidelines-sw/search-index.js' '${tmp}/sw.list' && grep -q 'cophub-guidelines-sw/style.css' '${tmp}/sw.list'
exec unzip -p '${tmp}/sw.zip' cophub-guidelines-sw/children/you-online.html | grep -q '<h1>1. Wewe na mtandao</h1>'
exec unzip -p '${tmp}/sw.zip' cophub-guidelines-sw/search-index.js | grep -q 'Wewe na mtandao'
exec ${data}/tests/http/sql '${db}' "SELECT count FROM library_downloads WHERE set_name = 'all' AND lang = 'sw' AND kind = 'bundle'" 2
GET /library/nothing/pdf?in=sw
expect status 404
GET /library/children?in=sw
expect body ~ href="/library/children/pdf?in=sw" download>
# search in Swahili finds the approved text, linking to the chapter
GET /library/search?q=mtandao&in=sw
expect status 200
expect body ~ href="/library/children/you-online?in=sw#you-online"
GET /library/search?q=mtandao&in=en
expect body ~ Nothing found.
# and in the shipped languages
GET /library/search?q=p%C3%A9dopi%C3%A9geage&in=fr
expect body ~ href="/library/parents/risks?in=fr#risks.grooming
GET /library/search?q=%E6%80%A7%E5%8B%92%E7%B4%A2&in=zh
expect body ~ href="/library/parents/risks?in=zh#risks.grooming

# --- the translation memory: a similar approved unit, with its similarity
GET /translate/sw/industry/unit?id=%23title
expect status 200
expect body matches <span class="similarity">[0-9]+%</span> <span lang="en" dir="ltr">Guidelines for children</span><br><span lang="sw" dir="ltr" class="tm-text">Miongozo kwa watoto</span>
# the unit's own approved translation is not offered to itself
GET /translate/sw/children/unit?id=%23title
expect status 200
expect body ~ >Miongozo kwa watoto</textarea>
expect body !~ class="tm-text">Miongozo kwa watoto</span>

# --- the glossary: a term kept by the reviewer, a warning when ignored
POST /translate/sw/glossary term=internet&translation=mtandao&csrf=${csrf}
expect status 303
GET /translate/sw/glossary
expect body ~ mtandao
POST /translate/sw/parents/unit?id=%23title action=save&text=Miongozo+kwa+wazazi%2C+walezi+na+walimu&version=0&csrf=${csrf}
expect status 303
GET /translate/sw/children/unit?id=you-online%23intro
expect body ~ Glossary terms in this text
capture ver body name="version" value="([0-9]+)"
POST /translate/sw/children/unit?id=you-online%23intro action=save&text=Intaneti+ni+mahali+pazuri.&version=${ver}&csrf=${csrf}
expect status 200
expect body ~ The glossary says: internet → mtandao.
expect body ~ Saved.

# --- export: PO and XLIFF with ids, states and notes
GET /translate/sw/children/export?format=po
expect status 200
expect header Content-Type ~ text/x-gettext-translation
expect header Content-Disposition ~ children-sw.po
expect body ~ "Language: sw\n"
expect body ~ # state: approved
expect body ~ msgctxt "you-online#title"
expect body ~ msgstr "Wewe na mtandao"
expect body ~ # Is "mtandao" the right word?
GET /translate/sw/children/export?format=xliff
expect status 200
expect header Content-Type ~ application/xliff+xml
expect body ~ trgLang="sw"
expect body ~ <target>Wewe na mtandao</target>
GET /translate/sw/children/export?format=doc
expect status 400

# --- import over HTTP (multipart): a good file, then a malformed one
# that is refused with its line and leaves everything as it was
capture session cookie cophub_session
exec printf 'msgid ""\nmsgstr ""\n"Language: sw\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Cophub-Set: children\\n"\n\n# state: waiting-review\nmsgctxt "you-online.good#title"\nmsgid "The good things online"\nmsgstr "Mambo mazuri mtandaoni"\n' > '${tmp}/sw-good.po'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'file=@${tmp}/sw-good.po' 'http://127.0.0.1:${port}/translate/sw/children/import'); test "$code" = 303
exec ${data}/tests/http/sql '${db}' "SELECT text || ' ' || state FROM translations WHERE lang = 'sw' AND unit = 'you-online.good#title'" 'Mambo mazuri mtandaoni waiting-review'
exec printf 'msgid ""\nmsgstr ""\n"Language: sw\\n"\n"X-Cophub-Set: children\\n"\n\nmsgctxt "you-online.rights#title"\nmsgid "x"\nmsgstr "Haki zako"\n\nmsgctxt "you-online.rights.1"\nmsgid "x\nmsgstr "y"\n' > '${tmp}/sw-bad.po'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'file=@${tmp}/sw-bad.po' 'http://127.0.0.1:${port}/translate/sw/children/import'); test "$code" = 400 && grep -q 'line 1[0-9]' '${tmp}/out.html'
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM translations WHERE lang = 'sw' AND unit = 'you-online.rights#title'" 0
# the reason in the reader's language (here French), with its line
exec printf 'msgid ""\nmsgstr ""\n"Language: sw\\n"\n"X-Cophub-Set: children\\n"\n\nmsgctxt "no-such-unit"\nmsgid "x"\nmsgstr "y"\n' > '${tmp}/sw-nounit.po'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}; lang=fr' -F 'csrf=${csrf}' -F 'file=@${tmp}/sw-nounit.po' 'http://127.0.0.1:${port}/translate/sw/children/import'); test "$code" = 400 && grep -q 'Ligne 7 : .*no-such-unit.* n’existe pas dans cet ensemble' '${tmp}/out.html' && grep -q '<html lang="fr"' '${tmp}/out.html'
# a file of a language this reviewer does not work on
exec sed 's/Language: sw/Language: fr/' '${tmp}/sw-good.po' > '${tmp}/fr.po'
exec code=$(curl -s -o '${tmp}/out.html' -w '%{http_code}' -H 'Origin: http://127.0.0.1:${port}' -b 'cophub_session=${session}' -F 'csrf=${csrf}' -F 'file=@${tmp}/fr.po' 'http://127.0.0.1:${port}/translate/sw/children/import'); test "$code" = 400
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM translations WHERE lang = 'fr' AND unit = 'you-online.good#title'" 0

# --- the site's own texts are a set of units too; a message with plural
# forms gets a box per form of the language, each checked
cookies clear
login translator.KE
GET /translate/sw/interface
expect status 200
expect body ~ ui.6cc29218
GET /translate/sw/interface/unit?id=ui.6cc29218
expect status 200
expect body ~ <p class="source" lang="en" dir="ltr">{n} accounts</p>
expect body ~ Form 1, for 1</label>
expect body ~ Form 2, for 0, 2, 3, 4, 5…</label>
expect body ~ name="form1"
POST /translate/sw/interface/unit?id=ui.6cc29218 action=save&form0=akaunti+{n}&version=0&csrf=${csrf}
expect status 400
POST /translate/sw/interface/unit?id=ui.6cc29218 action=save&form0=akaunti+{n}&form1=&version=0&csrf=${csrf}
expect status 422
expect body ~ Plural form 2 is empty.
POST /translate/sw/interface/unit?id=ui.6cc29218 action=save&form0=akaunti+{n}&form1=akaunti+nyingi&version=0&csrf=${csrf}
expect status 422
expect body ~ The placeholder {n} of the source is missing.
exec ${data}/tests/http/sql '${db}' "SELECT count(*) FROM translations WHERE unit = 'ui.6cc29218'" 0
POST /translate/sw/interface/unit?id=ui.6cc29218 action=save&form0=akaunti+{n}&form1=akaunti+{n}+zote&version=0&next=1&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT state FROM translations WHERE lang = 'sw' AND unit = 'ui.6cc29218' AND text LIKE 'akaunti {n}_akaunti {n} zote'" waiting-review
GET /translate/sw/interface/unit?id=ui.6cc29218
expect body ~ >akaunti {n} zote</textarea>
GET /translate/sw/interface/export?format=po
expect status 200
expect body ~ msgid_plural "{n} accounts"
expect body ~ msgstr[1] "akaunti {n} zote"
GET /translate/sw/interface/export?format=xliff
expect body ~ <segment id="form1" state="translated">
# the public page is about the guidelines only
GET /library/languages
expect body !~ /library/interface

# --- the game's and the courses' texts are sets of units too
cookies clear
login translator.KE
GET /translate
expect body ~ href="/translate/sw/game"
expect body ~ href="/translate/sw/courses"
GET /translate/sw/game
expect status 200
expect body ~ 13-18:13-18-location-and-quiz:start.a
GET /translate/sw/game/unit?id=13-18%3A13-18-location-and-quiz%3Atitle
expect status 200
expect body ~ <p class="source" lang="en" dir="ltr">Who can see where I am?</p>
POST /translate/sw/game/unit?id=13-18%3A13-18-location-and-quiz%3Atitle action=save&text=Nani+anaweza+kuona+nilipo%3F&version=0&csrf=${csrf}
expect status 303
exec ${data}/tests/http/sql '${db}' "SELECT state FROM translations WHERE set_name = 'game' AND lang = 'sw' AND unit = '13-18:13-18-location-and-quiz:title'" waiting-review
# a choice of a story is a button: a much longer text is saved, with a warning
POST /translate/sw/game/unit?id=13-18%3A13-18-location-and-quiz%3Aend-quiz.a action=save&text=Ninaruka+jaribio+hili+na+kueleza+kwa+upole+kwa+kikundi+kizima+kwa+nini+sitajibu+maswali+haya+yote+ambayo+yanaweza+kufichua+majibu+ya+maswali+yangu+ya+usalama+na+nywila+zangu+zote&version=0&csrf=${csrf}
expect status 200
expect body ~ much longer than the source
GET /translate/sw/courses
expect status 200
expect body ~ parents-carers:course:title
