# Open Badges 2.0: a certificate of completion is also a hosted assertion,
# with its BadgeClass, Issuer Profile and image, all public JSON on the
# site's own address.  A learner of Kenya and an administrator (no country:
# the "site" issuer) complete the draft-course fixture (every right answer
# is "a"); the holder's email address is hashed with a per-certificate
# salt; without an email address there is no assertion; a revoked
# certificate answers 410; unknown and malformed codes, issuers and courses
# are 404.
cookies clear

# the issuers: cophub and a country, or cophub alone ("site")
GET /badges/issuer/KE
expect status 200
expect header Content-Type = application/json; charset=utf-8
expect body ~ "@context":"https://w3id.org/openbadges/v2"
expect body ~ "type":"Issuer"
expect body ~ "id":"http://127.0.0.1:${port}/badges/issuer/KE"
expect body ~ "name":"cophub · Kenya"
expect body ~ "url":"http://127.0.0.1:${port}/learn"
GET /badges/issuer/site
expect status 200
expect body ~ "id":"http://127.0.0.1:${port}/badges/issuer/site"
expect body ~ "name":"cophub"
expect body !~ "name":"cophub ·
# not a country of the table, not upper case, not a code
GET /badges/issuer/ZZ
expect status 404
expect header Content-Type = application/json; charset=utf-8
expect body ~ "error":"There is no such issuer."
GET /badges/issuer/ke
expect status 404
GET /badges/issuer/KEN
expect status 404

# a published course's BadgeClass, in English whatever the reader's language
GET /badges/class/FR/parents-carers?lang=fr
expect status 200
expect header Content-Type = application/json; charset=utf-8
expect body ~ "@context":"https://w3id.org/openbadges/v2"
expect body ~ "type":"BadgeClass"
expect body ~ "id":"http://127.0.0.1:${port}/badges/class/FR/parents-carers"
expect body ~ "image":"http://127.0.0.1:${port}/badges/image/parents-carers"
expect body ~ "criteria":{"id":"http://127.0.0.1:${port}/learn/parents-carers","narrative":"Pass every quiz of the course
expect body ~ "issuer":"http://127.0.0.1:${port}/badges/issuer/FR"
expect body matches "name":"[A-Z][^"]+","description":"[A-Z][^"]+"
GET /badges/class/FR/nothing
expect status 404
expect body ~ "error":"There is no such course."
GET /badges/class/ZZ/parents-carers
expect status 404
expect body ~ "error":"There is no such issuer."

# the badge's picture
GET /badges/image/parents-carers
expect status 200
expect header Content-Type = image/svg+xml
expect body ~ <svg xmlns="http://www.w3.org/2000/svg"
expect body ~ >cophub</text>
expect body ~ </svg>
GET /badges/image/nothing
expect status 404
expect header Content-Type = application/json; charset=utf-8

# a learner of Kenya completes the draft course
cookies clear
login reviewer.KE
POST /learn/draft-course/enrol csrf=${csrf}
expect status 303
GET /learn/draft-course/quiz/m1-draft
capture a1 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=${a1}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m2-draft
capture a2 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m2-draft csrf=${csrf}&attempt=${a2}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m3-draft
capture a3 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m3-draft csrf=${csrf}&attempt=${a3}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m4-draft
capture a4 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m4-draft csrf=${csrf}&attempt=${a4}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/final
capture af body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/final csrf=${csrf}&attempt=${af}&q1=a&q2=a&q3=a&q4=a&q5=a&q6=a&q7=a&q8=a
expect body ~ Passed.
POST /learn/draft-course/certificate csrf=${csrf}&name=Rose%20Wanjiru
expect status 303
GET /learn/certificates?lang=en
expect status 200
capture code body <code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>

# no email address yet: no assertion, and the page says what to do
expect body ~ Add an email address to your account to take this certificate to a badge backpack as an Open Badge.
expect body !~ href="/badges/assertion/
cookies clear
GET /badges/assertion/${code}
expect status 404
expect header Content-Type = application/json; charset=utf-8
expect body ~ "error":"The holder of this certificate has not given an email address
expect body !~ "type":"Assertion"
# an empty address is no address either
exec ${data}/tests/http/sql '${db}' "UPDATE users SET email = '' WHERE username = '${user.reviewer.KE}'"
GET /badges/assertion/${code}
expect status 404
expect body ~ has not given an email address

# with an email address: the link on the page, and the assertion
exec ${data}/tests/http/sql '${db}' "UPDATE users SET email = 'rose.wanjiru@example.org' WHERE username = '${user.reviewer.KE}'"
login reviewer.KE
GET /learn/certificates?lang=en
expect body ~ <a href="/badges/assertion/${code}">Open Badge (for a badge backpack)</a>
expect body !~ Add an email address to your account
cookies clear
GET /badges/assertion/${code}
expect status 200
expect header Content-Type = application/json; charset=utf-8
expect header Cache-Control !~ no-store
expect security-headers
expect body ~ "@context":"https://w3id.org/openbadges/v2"
expect body ~ "type":"Assertion"
expect body ~ "id":"http://127.0.0.1:${port}/badges/assertion/${code}"
expect body ~ "badge":"http://127.0.0.1:${port}/badges/class/KE/draft-course"
expect body ~ "verification":{"type":"hosted"}
expect body ~ "recipient":{"type":"email","hashed":true,"salt":"
expect body matches "issuedOn":"[0-9]{4}-[0-9]{2}-[0-9]{2}T00:00:00Z"
# the address is never in the clear, nor the holder's name
expect body !~ rose.wanjiru@example.org
expect body !~ Wanjiru
capture salt body "salt":"([0-9a-f]{16})"
capture identity body "identity":"sha256\$([0-9a-f]{64})"
capture day body "issuedOn":"([0-9-]{10})T00:00:00Z"
capture first body all
# the identity is SHA-256 of the address followed by the salt
exec [ "$(printf '%s' 'rose.wanjiru@example.org${salt}' | sha256sum | cut -c1-64)" = "${identity}" ]
# issuedOn is the day the certificate was issued
exec ${data}/tests/http/sql '${db}' "SELECT issued_day FROM certificates WHERE code = '${code}'" "${day}"
# the same document every time it is fetched (a backpack checks it again)
GET /badges/assertion/${code}
capture again body all
compare first again

# the BadgeClass the assertion names, and the issuer it names
GET /badges/class/KE/draft-course
expect status 200
expect body ~ "type":"BadgeClass"
expect body ~ "id":"http://127.0.0.1:${port}/badges/class/KE/draft-course"
expect body ~ "name":"Draft course for tests (en)"
expect body ~ "description":"A course that is still being written (en)."
expect body ~ "image":"http://127.0.0.1:${port}/badges/image/draft-course"
expect body ~ "criteria":{"id":"http://127.0.0.1:${port}/learn/draft-course","narrative":"Pass every quiz of the course \"Draft course for tests (en)\"
expect body ~ "issuer":"http://127.0.0.1:${port}/badges/issuer/KE"
GET /badges/image/draft-course
expect status 200
expect header Content-Type = image/svg+xml

# a certificate of another kind is no Open Badge
exec ${data}/tests/http/sql '${db}' "INSERT INTO certificates (code, user_id, country, course, kind, name, lang, issued_day, payload) VALUES ('WXYZ-2345', ${id.reviewer.KE}, 'KE', 'draft-course', 'attendance', 'Rose Wanjiru', 'en', '2024-01-02', 'x')"
GET /badges/assertion/WXYZ-2345
expect status 404
expect body ~ "error":"Only certificates of completion are Open Badges."
# found also when typed in lower case without its dash
GET /badges/assertion/wxyz2345
expect status 404
expect body ~ "error":"Only certificates of completion are Open Badges."
exec ${data}/tests/http/sql '${db}' "DELETE FROM certificates WHERE code = 'WXYZ-2345'"

# unknown and malformed codes
GET /badges/assertion/ZZZZ-2222
expect status 404
expect header Content-Type = application/json; charset=utf-8
expect body ~ "error":"There is no certificate with this code."
GET /badges/assertion/not-a-code
expect status 404
expect body ~ "error":"There is no certificate with this code."
GET /badges/assertion/0000-1111
expect status 404
expect body ~ "error":"There is no certificate with this code."

# an administrator's certificate (no country): the "site" issuer, and a
# salt of its own
login admin
POST /learn/draft-course/enrol csrf=${csrf}
expect status 303
GET /learn/draft-course/quiz/m1-draft
capture b1 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m1-draft csrf=${csrf}&attempt=${b1}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m2-draft
capture b2 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m2-draft csrf=${csrf}&attempt=${b2}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m3-draft
capture b3 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m3-draft csrf=${csrf}&attempt=${b3}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/m4-draft
capture b4 body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/m4-draft csrf=${csrf}&attempt=${b4}&q1=a&q2=a&q3=a&q4=a
expect body ~ Passed.
GET /learn/draft-course/quiz/final
capture bf body name="attempt" value="([0-9a-f]{32})"
POST /learn/draft-course/quiz/final csrf=${csrf}&attempt=${bf}&q1=a&q2=a&q3=a&q4=a&q5=a&q6=a&q7=a&q8=a
expect body ~ Passed.
POST /learn/draft-course/certificate csrf=${csrf}&name=Ada%20Admin
expect status 303
GET /learn/certificates?lang=en
capture acode body <code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>
exec ${data}/tests/http/sql '${db}' "UPDATE users SET email = 'ada@example.org' WHERE username = '${user.admin}'"
GET /learn/certificates?lang=en
expect body ~ <a href="/badges/assertion/${acode}">Open Badge (for a badge backpack)</a>
cookies clear
GET /badges/assertion/${acode}
expect status 200
expect body ~ "type":"Assertion"
expect body ~ "badge":"http://127.0.0.1:${port}/badges/class/site/draft-course"
capture asalt body "salt":"([0-9a-f]{16})"
capture aidentity body "identity":"sha256\$([0-9a-f]{64})"
exec [ "$(printf '%s' 'ada@example.org${asalt}' | sha256sum | cut -c1-64)" = "${aidentity}" ]
exec [ '${asalt}' != '${salt}' ]
GET /badges/class/site/draft-course
expect status 200
expect body ~ "issuer":"http://127.0.0.1:${port}/badges/issuer/site"

# revoked by a coordinator of the certificate's country: 410, revoked,
# and the reason they gave stays theirs
login coordinator.KE
POST /verify/${code}/revoke csrf=${csrf}&reason=Private%20reason%20Q7
expect status 303
cookies clear
GET /badges/assertion/${code}
expect status 410
expect header Content-Type = application/json; charset=utf-8
expect body ~ "@context":"https://w3id.org/openbadges/v2"
expect body ~ "id":"http://127.0.0.1:${port}/badges/assertion/${code}"
expect body ~ "revoked":true
expect body ~ "revocationReason":"
expect body !~ Private reason Q7
expect body !~ "type":"Assertion"
expect body !~ "recipient"
# nor offered on the holder's page any more
login reviewer.KE
GET /learn/certificates?lang=en
expect body ~ This certificate was revoked.
expect body !~ href="/badges/assertion/${code}"
# the other certificate is untouched
cookies clear
GET /badges/assertion/${acode}
expect status 200
# the accounts as they were: without an email address
exec ${data}/tests/http/sql '${db}' "UPDATE users SET email = NULL WHERE username IN ('${user.reviewer.KE}', '${user.admin}')"
GET /badges/assertion/${acode}
expect status 404
