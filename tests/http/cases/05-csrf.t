# CSRF: every state-changing request carries the token bound to its
# session; a missing, wrong or foreign token is refused and changes
# nothing.

login admin
set admin_csrf ${csrf}
POST /admin/users username=csrf.one&role=learner&country=KE
expect status 403
expect body ~ This form has expired
POST /admin/users username=csrf.one&role=learner&country=KE&csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
expect status 403
# the token of another session is not this session's
cookies clear
login coordinator.KE
POST /admin/users username=csrf.one&role=learner&method=password&csrf=${admin_csrf}
expect status 403
# nothing was created
exec ! ${cophub} user show --db '${db}' --username csrf.one 2>/dev/null
# with its own token the same request works
POST /admin/users username=csrf.one&role=learner&method=password&csrf=${csrf}
expect status 201
exec ${cophub} user show --db '${db}' --username csrf.one | grep -q 'country: KE'

# a visitor's form is bound to their pre-session cookie
cookies clear
POST /login username=x&password=y
expect status 403
GET /login
POST /login username=x&password=y&csrf=${admin_csrf}
expect status 403
