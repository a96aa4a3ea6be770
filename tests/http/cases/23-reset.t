# A forgotten password, reset by email (the suite's server sends mail
# through tests/http/mail-sink into ${tmp}/mailbox, and names its public
# address https://cop.example.org): the same answer for every name, a
# message only to an account's own address, a link built from the public
# address and not from the Host header, the link working once, and quiet
# for ten minutes after a message.
GET /login
expect body ~ href="/reset"
GET /signup
POST /signup country=KE&username=t23.reset&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=educators&email=t23.reset@example.org&csrf=${csrf}
expect status 303
cookies clear
GET /signup
POST /signup country=KE&username=t23.other&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=educators&email=T23.Other@example.org&csrf=${csrf}
expect status 303
cookies clear
GET /signup
POST /signup country=KE&username=t23.nomail&new_password=amber-lantern-river-42&new_password_again=amber-lantern-river-42&audience=educators&csrf=${csrf}
expect status 303
cookies clear
exec rm -f ${tmp}/mailbox

# unknown, no address, empty: the same page, no message
GET /reset
expect status 200
expect body ~ Username or email address
POST /reset who=nobody.at.all&csrf=${csrf}
expect status 200
expect body ~ If an account with an email address matches
capture unknown body all
POST /reset who=t23.nomail&csrf=${csrf}
expect status 200
capture nomail body all
compare unknown nomail without name="csrf" value="[^"]*"
POST /reset who=&csrf=${csrf}
expect status 400
exec test ! -e ${tmp}/mailbox

# the account's own address gets the link, from the public address even
# when the request names another host
POST /reset who=T23.Reset&csrf=${csrf}
header Host: evil.example
expect status 200
capture known body all
compare unknown known without name="csrf" value="[^"]*"
exec grep -q '^To: t23.reset@example.org$' ${tmp}/mailbox
exec grep -q 'https://cop.example.org/invite/' ${tmp}/mailbox
exec ! grep -q 'evil.example' ${tmp}/mailbox
exec test "$(grep -c "^To: " ${tmp}/mailbox)" = 1
# by address, whatever its case
POST /reset who=t23.other@EXAMPLE.org&csrf=${csrf}
expect status 200
exec grep -q '^To: T23.Other@example.org$' ${tmp}/mailbox
exec test "$(grep -c '^To: ' ${tmp}/mailbox)" = 2
# asked again at once: nothing more is sent
POST /reset who=t23.reset&csrf=${csrf}
expect status 200
exec test "$(grep -c '^To: ' ${tmp}/mailbox)" = 2

# the link: a new password, once; the old one stops working
exec tok=$(grep -o 'invite/[A-Za-z0-9_-]*' ${tmp}/mailbox | head -n 1 | cut -d/ -f2); jar=${tmp}/reset.jar; base=http://127.0.0.1:${port}; csrf=$(curl -s -c $jar -b $jar $base/invite/$tok | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1); test -n "$csrf" && test "$(curl -s -o /dev/null -w '%{http_code}' -c $jar -b $jar -H "Origin: $base" --data-urlencode new_password=quiet-harbour-lamp-77 --data-urlencode new_password_again=quiet-harbour-lamp-77 --data-urlencode csrf=$csrf $base/invite/$tok)" = 303 && test "$(curl -s -o /dev/null -w '%{http_code}' $base/invite/$tok)" = 404
set user.r1 t23.reset
set pass.r1 quiet-harbour-lamp-77
login r1
GET /account
expect status 200
expect body ~ t23.reset
cookies clear
GET /login
POST /login username=t23.reset&password=amber-lantern-river-42&csrf=${csrf}
expect status 401
