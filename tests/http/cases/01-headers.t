# Security headers on every kind of response: pages, files, errors made by
# the application and refusals at the HTTP edge (the access matrix checks
# them on every route as well).

GET /
expect status 200
expect security-headers
expect header Content-Type = text/html; charset=utf-8
expect header Content-Security-Policy ~ script-src 'self'
expect header Content-Security-Policy !~ unsafe-inline
expect no header Strict-Transport-Security
expect no header Server
expect header Vary ~ Accept-Language

GET /static/style.css
expect status 200
expect security-headers
expect header Content-Type = text/css; charset=utf-8

GET /static/favicon.svg
expect status 200
expect security-headers
expect header Content-Type = image/svg+xml

GET /no/such/page
expect status 404
expect security-headers

GET /healthz
expect status 200
expect security-headers
expect header Cache-Control = no-store

raw
GET /%zz HTTP/1.1
Host: x

end
expect status 400
expect security-headers

raw
POST /login HTTP/1.1
Host: x
Content-Type: application/x-www-form-urlencoded
Content-Length: 100000

end
expect status 413
expect security-headers

# no directory listing, no .git, no source files
GET /static/
expect status 404
GET /.git/config
expect status 404
GET /static/../Makefile
expect status 404
GET /static/%2e%2e/Makefile
expect status 404
GET /static/.gitignore
expect status 404
