# Signing in and out: the form, cookies, wrong and unknown accounts
# answered alike, a new session at every sign-in, logout ends it.

GET /login
expect status 200
expect body ~ name="csrf"
expect body ~ <label for="username">
expect body ~ autocomplete="current-password"
expect header Set-Cookie ~ cophub_pre=
expect header Set-Cookie ~ HttpOnly

# a wrong password and an unknown account: same status, same message
POST /login username=${user.trainer.KE}&password=wrong-password-1&csrf=${csrf}
expect status 401
expect body ~ The username or password is not correct.
capture known body all
GET /login
POST /login username=nobody.here&password=wrong-password-1&csrf=${csrf}
expect status 401
expect body ~ The username or password is not correct.
capture unknown body all
# the pages differ only in the username echoed back into the form
compare known unknown without ${user.trainer.KE} nobody.here

# the right password: a session cookie, HttpOnly, SameSite, Path=/, no Domain
GET /login
POST /login username=${user.trainer.KE}&password=${pass.trainer.KE}&csrf=${csrf}
expect status 303
expect header Location = /account
expect header Set-Cookie ~ cophub_session=
expect header Set-Cookie ~ HttpOnly
expect header Set-Cookie ~ SameSite=Lax
expect header Set-Cookie ~ Path=/
expect header Set-Cookie !~ Domain
capture first cookie cophub_session
GET /account
expect status 200
expect header Cache-Control = no-store
expect body ~ ${user.trainer.KE}

# signing in again gives a new token, and the old one stops working
POST /login username=${user.trainer.KE}&password=${pass.trainer.KE}&csrf=${csrf}
expect status 303
capture second cookie cophub_session
exec test "${first}" != "${second}"
cookies clear
cookie cophub_session=${first}
GET /account
expect status 303
expect header Location = /login?next=/account

# sign out (POST only) ends the session; the old cookie is refused
cookies clear
login trainer.KE
capture live cookie cophub_session
GET /logout
expect status 405
POST /logout csrf=${csrf}
expect status 303
expect header Location = /
cookies clear
cookie cophub_session=${live}
GET /account
expect status 303
expect header Location = /login?next=/account

# a forged session cookie is simply not a session
cookies clear
cookie cophub_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
GET /account
expect status 303

# after sign-in, back to the page asked for; never to another site
cookies clear
GET /login?next=/admin/users
expect body ~ name="next" value="/admin/users"
POST /login username=${user.admin}&password=${pass.admin}&next=/admin/users&csrf=${csrf}
expect header Location = /admin/users
cookies clear
GET /login
POST /login username=${user.admin}&password=${pass.admin}&next=//evil.example/&csrf=${csrf}
expect header Location = /account
cookies clear
GET /login
POST /login username=${user.admin}&password=${pass.admin}&next=/\evil.example&csrf=${csrf}
expect header Location = /account
