# Behind an HTTPS proxy ([server] tls = true): HSTS on every response, and
# cookies that are Secure with the __Host- prefix (so Path=/ and no Domain).
GET /
expect status 200
expect header Strict-Transport-Security ~ max-age=
expect security-headers
GET /?lang=fr
expect header Set-Cookie ~ __Host-lang=fr
expect header Set-Cookie ~ Secure
GET /login
expect header Set-Cookie ~ __Host-cophub_pre=
expect header Set-Cookie ~ Secure
POST /login username=${user.learner.KE}&password=${pass.learner.KE}&csrf=${csrf}
expect status 303
expect header Set-Cookie ~ __Host-cophub_session=
expect header Set-Cookie ~ Path=/;
expect header Set-Cookie ~ Secure
expect header Set-Cookie !~ Domain
GET /account
expect status 200
expect header Strict-Transport-Security ~ max-age=
GET /static/style.css
expect header Strict-Transport-Security ~ max-age=
