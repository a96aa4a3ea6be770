# With the database down: /healthz says 503; a page that needs the
# database (any page of a signed-in user) says 503 in the visitor's
# language with the usual headers; pages that need none still work.
GET /healthz
expect status 503
expect header Cache-Control = no-store
GET /
expect status 200
cookie cophub_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
GET /account?lang=fr
expect status 503
expect security-headers
expect body ~ <html lang="fr"
