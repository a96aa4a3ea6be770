# Throttling with a small limit (this server: 5 failures per 4 s).
# Unknown accounts are limited like known ones, with the same answer.
GET /login
repeat 5
POST /login username=no.such.person&password=guess-guess&csrf=${csrf}
expect status 401
end
POST /login username=no.such.person&password=guess-guess&csrf=${csrf}
expect status 429
capture unknown body all
set csrf1 ${csrf}

# The owner's browser, known by its device cookie from an earlier
# sign-in, is not locked out by someone guessing from elsewhere.
login throttle.FR
capture device cookie cophub_device
cookies clear
GET /login
repeat 5
POST /login username=${user.throttle.FR}&password=guess-guess&csrf=${csrf}
expect status 401
end
POST /login username=${user.throttle.FR}&password=${pass.throttle.FR}&csrf=${csrf}
expect status 429
capture known body all
compare known unknown without ${user.throttle.FR} no.such.person ${csrf} ${csrf1}
cookie cophub_device=${device}
POST /login username=${user.throttle.FR}&password=${pass.throttle.FR}&csrf=${csrf}
expect status 303
# a device cookie made for another account does not help
cookies clear
cookie cophub_device=${device}
GET /login
repeat 5
POST /login username=${user.throttle.KE}&password=guess-guess&csrf=${csrf}
end
POST /login username=${user.throttle.KE}&password=${pass.throttle.KE}&csrf=${csrf}
expect status 429
# the lock lasts only the window
cookies clear
sleep 5
GET /login
POST /login username=${user.throttle.FR}&password=${pass.throttle.FR}&csrf=${csrf}
expect status 303
