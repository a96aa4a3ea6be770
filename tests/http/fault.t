# A database failure halfway through a request (this server makes every
# INSERT INTO invitations fail): the visitor gets a 500 page with the
# usual headers, the server goes on, and nothing of the request is kept:
# the account created before the failing statement is rolled back.
login admin
POST /admin/users username=half.written&role=learner&country=KE&method=invite&csrf=${csrf}
expect status 500
expect security-headers
expect body ~ Something went wrong on our side
exec ! ${cophub} user show --db '${db}' --username half.written 2>/dev/null
# the same without the failing step works
POST /admin/users username=whole.written&role=learner&country=KE&method=password&csrf=${csrf}
expect status 201
exec ${cophub} user show --db '${db}' --username whole.written >/dev/null
GET /healthz
expect status 200
