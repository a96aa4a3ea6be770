# Login throttling at the default limit: at most 100 failed attempts per
# account per hour.  The 101st attempt is refused even with the right
# password, in the same words for a known and an unknown account.
GET /login
repeat 100
POST /login username=${user.throttle.KE}&password=not-the-password&csrf=${csrf}
expect status 401
end
POST /login username=${user.throttle.KE}&password=${pass.throttle.KE}&csrf=${csrf}
expect status 429
expect body ~ Too many failed attempts
expect no header Set-Cookie
# another account is not affected
login throttle.FR
GET /account
expect status 200
