# Administration: accounts created with a one-time password or an
# invitation link; the forced change of password; coordinators limited to
# their own country and to the roles they may give; countries edited.

login admin
GET /admin/users
expect status 200
expect body ~ <label for="new-username">
expect body ~ <option value="coordinator"

# a one-time password, shown once
POST /admin/users username=New.Person&role=trainer&country=KE&method=password&csrf=${csrf}
expect status 201
expect body ~ new.person
capture onetime body <code>([a-z0-9-]{23})</code>
capture newid body href="/admin/users/([0-9]+)"
# the same name again is refused, in words
POST /admin/users username=new.person&role=trainer&country=KE&method=password&csrf=${csrf}
expect status 409
expect body ~ This username is taken
# bad input: name, role, country
POST /admin/users username=x&role=trainer&country=KE&csrf=${csrf}
expect status 400
POST /admin/users username=ok.name&role=emperor&country=KE&csrf=${csrf}
expect status 400
POST /admin/users username=ok.name&role=trainer&country=ZZ&csrf=${csrf}
expect status 400
expect body ~ Choose a country from the list.
exec ! ${cophub} user show --db '${db}' --username ok.name 2>/dev/null

# the one-time password works once: every page leads to the change form
cookies clear
GET /login
POST /login username=new.person&password=${onetime}&csrf=${csrf}
expect status 303
expect header Location = /account/password
GET /admin
expect status 303
expect header Location = /account/password
GET /
expect status 303
GET /account/password
expect status 200
expect body ~ The one you received works only once.
POST /account/password current_password=${onetime}&new_password=river+stone+garden&new_password_again=river+stone+garden&csrf=${csrf}
expect status 303
GET /account
expect status 200

# an invitation link: the person chooses their password
cookies clear
login admin
POST /admin/users username=invited.one&role=learner&country=FR&method=invite&csrf=${csrf}
expect status 201
capture token body /invite/([A-Za-z0-9_-]{43})
exec ${cophub} user show --db '${db}' --username invited.one | grep -q 'status: invited'
cookies clear
GET /invite/${token}
expect status 200
expect body ~ Welcome, invited.one.
POST /invite/${token} new_password=short&new_password_again=short&csrf=${csrf}
expect status 400
POST /invite/${token} new_password=blue+lantern+harbour&new_password_again=blue+lantern+harbour&csrf=${csrf}
expect status 303
expect header Location = /account
GET /account
expect status 200
expect body ~ invited.one
# the link works once
cookies clear
GET /invite/${token}
expect status 404
expect body ~ This invitation link is not valid.
GET /invite/not-a-token
expect status 404

# a coordinator: own country, and only the roles they may give
cookies clear
login coordinator.KE
GET /admin/users
expect body ~ ${user.trainer.KE}
expect body !~ ${user.trainer.FR}
expect body !~ <option value="coordinator"
expect body !~ <option value="admin"
POST /admin/users username=kenya.coord2&role=coordinator&csrf=${csrf}
expect status 400
expect body ~ Choose one of the roles in the list.
# the country is always their own, whatever the form says
POST /admin/users username=kenya.trainer2&role=trainer&country=FR&method=password&csrf=${csrf}
expect status 201
exec ${cophub} user show --db '${db}' --username kenya.trainer2 | grep -q 'country: KE'
# another country's account, or a coordinator of their own country: refused
GET /admin/users/${id.trainer.FR}
expect status 403
GET /admin/users/${id.coordinator.KE}
expect status 403
POST /admin/users/${id.trainer.FR}/disable csrf=${csrf}
expect status 403
exec ${cophub} user show --db '${db}' --username ${user.trainer.FR} | grep -q 'status: active'
GET /admin/users/${id.trainer.KE}
expect status 200
# the admin's role page is not theirs
POST /admin/users/${id.trainer.KE}/role role=admin&csrf=${csrf}
expect status 403

# the admin changes a role and a country
cookies clear
login admin
POST /admin/users/${newid}/role role=moderator&country=FR&csrf=${csrf}
expect status 303
exec ${cophub} user show --db '${db}' --username new.person | grep -q 'role: moderator'
exec ${cophub} user show --db '${db}' --username new.person | grep -q 'country: FR'
POST /admin/users/${newid}/role role=moderator&country=QQ&csrf=${csrf}
expect status 400
# the last administrator keeps the role
POST /admin/users/${id.admin}/role role=learner&country=KE&csrf=${csrf}
expect status 409
POST /admin/users/${id.admin}/disable csrf=${csrf}
expect status 409

# countries: the admin lists and edits them; names are escaped
GET /admin/countries
expect status 200
expect body ~ href="/admin/countries/KE"
GET /admin/countries/KE?lang=fr
expect status 200
expect body ~ Kenya
expect body ~ Nom du pays
GET /admin?lang=en
POST /admin/countries/KE default_lang=sw&dir=ltr&active=1&csrf=${csrf}
expect status 400
expect body ~ Choose a language from the list.
POST /admin/countries/KE default_lang=fr&dir=ltr&active=1&name_en=Kenya+<b>x</b>&csrf=${csrf}
expect status 303
expect header Location = /admin/countries/KE?saved=1
GET /admin/countries/KE?saved=1
expect body ~ Saved.
expect body ~ value="Kenya &lt;b&gt;x&lt;/b&gt;"
expect body !~ Kenya <b>
exec ${cophub} country list --db '${db}' | grep -q '^KE   fr'
POST /admin/countries/KE default_lang=en&dir=ltr&active=1&name_en=Kenya&csrf=${csrf}
expect status 303
GET /admin/countries/XX
expect status 404

# a coordinator edits their own country only
cookies clear
login coordinator.FR
GET /admin/countries/FR
expect status 200
expect body !~ name="active"
POST /admin/countries/FR default_lang=fr&dir=ltr&csrf=${csrf}
expect status 303
POST /admin/countries/KE default_lang=fr&dir=ltr&csrf=${csrf}
expect status 403
