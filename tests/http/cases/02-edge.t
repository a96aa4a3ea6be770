# The HTTP edge (security.md): malformed and oversized requests get 400,
# 411, 413, 414 or 431, a few close the connection, and the server keeps
# serving after every one of them.

# keep-alive holds for an ordinary page (the two-call pattern)
raw
GET / HTTP/1.1
Host: x

end
expect status 200
expect open

# Content-Length and Transfer-Encoding together: 400, connection closed
raw
POST /login HTTP/1.1
Host: x
Content-Length: 5
Transfer-Encoding: chunked

0

end
expect status 400
expect closed

# two Content-Length headers
raw
POST /login HTTP/1.1
Host: x
Content-Length: 5
Content-Length: 5

abcde\
end
expect status 400
expect closed

# CR, LF or NUL inside a header value
raw
GET / HTTP/1.1
Host: x
X-Test: a\rb

end
expect status 400
expect closed

raw
GET / HTTP/1.1
Host: x
X-Test: a\nb

end
expect status 400
expect closed

raw
GET / HTTP/1.1
Host: x
X-Test: a\0b

end
expect status 400
expect closed

# a header block over 8 KiB: 431
raw
GET / HTTP/1.1
Host: x
X-Big: \
+9000 a

end
expect status 431
expect security-headers

# a URI over 8 KiB: 414
raw
GET /\
+9000 a\
\x20HTTP/1.1
Host: x

end
expect status 414

# a body over the route's limit: 413 at once, the rest is never read
raw
POST /login HTTP/1.1
Host: x
Content-Type: application/x-www-form-urlencoded
Content-Length: 5000

end
expect status 413
expect closed
expect body ~ too large

# a chunked body: the length must be stated
raw
POST /login HTTP/1.1
Host: x
Transfer-Encoding: chunked

5
abcde
0

end
expect status 411
expect closed

# unknown method 501, TRACE 405
raw
BREW / HTTP/1.1
Host: x

end
expect status 501

raw
TRACE / HTTP/1.1
Host: x

end
expect status 405
expect header Allow ~ GET

# a known path with a method it does not take
DELETE /
expect status 405
expect header Allow = GET, HEAD

# HTTP/1.1 without Host
raw
GET / HTTP/1.1

end
expect status 400

# header name with a space before the colon
raw
GET / HTTP/1.1
Host : x

end
expect status 400

# bytes that are not HTTP at all: the connection is closed
raw
\x01\x02 not http

end
expect closed

# a bad percent-escape and a NUL escaped in the path
GET /%zz
expect status 400
GET /static/style.css%00.txt
expect status 400

# a form body that is not form-encoded, and a malformed one
login learner.KE
POST /account/delete {"password":"x"}
header Content-Type: application/json
expect status 415
POST /account/delete password=%zz&csrf=${csrf}
expect status 400
cookies clear

# HEAD: the headers of GET, no body
raw-head
HEAD / HTTP/1.1
Host: x
Connection: close

end
expect status 200
expect header Content-Type = text/html; charset=utf-8
expect body !~ <html

# and after all of that the server still answers
GET /
expect status 200

# a form field without '=' (once a crash, found by fuzz_form)
GET /login
POST /login username&password&csrf=${csrf}
expect status 400
GET /
expect status 200
