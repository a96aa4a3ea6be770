# Graceful shutdown: a request whose body is still arriving when SIGTERM
# comes is read to its end and answered; then the server exits 0 (the
# runner checks the exit status).
partial TERM
POST /login HTTP/1.1
Host: x
Content-Type: application/x-www-form-urlencoded
Content-Length: 30
Connection: close

username=a&\
---
password=bbbbbbbbbb
end
expect status 403
expect body ~ This form has expired
