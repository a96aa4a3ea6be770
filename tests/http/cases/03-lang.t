# Language: ?lang=, then the lang cookie, then Accept-Language, then the
# default; a language menu on every page; Arabic right to left; plurals.

GET /?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect body ~ Se connecter
expect header Set-Cookie ~ lang=fr
expect header Set-Cookie ~ HttpOnly
# the cookie keeps the choice, whatever the browser asks for
GET /login
header Accept-Language: ru
expect body ~ <html lang="fr"
cookies clear

# Accept-Language with weights: zh-CN 0.9 beats ru 0.5
GET /
header Accept-Language: ru;q=0.5, zh-CN;q=0.9, en;q=0.1
expect body ~ <html lang="zh" dir="ltr">
# q=0 means "not this one"
GET /
header Accept-Language: ru;q=0, es
expect body ~ <html lang="es"
# a language we do not have: the default, English
GET /
header Accept-Language: de-DE, sw;q=0.8
expect body ~ <html lang="en" dir="ltr">
# an unknown ?lang= is ignored
GET /?lang=xx
expect body ~ <html lang="en"
expect no header Set-Cookie

# Arabic: right to left, in Arabic
GET /?lang=ar
expect body ~ <html lang="ar" dir="rtl">
expect body ~ تسجيل الدخول
cookies clear

# the language menu, on every page, links each language in its own name
GET /login
expect body ~ <nav class="langs"
expect body ~ hreflang="ar"
expect body ~ العربية
expect body ~ 中文
expect body ~ Français
expect body ~ Русский
expect body ~ Español
expect body ~ href="?lang=ru"

# error pages speak the visitor's language
GET /no/such/page
header Accept-Language: fr
expect status 404
expect body ~ Page introuvable
GET /no/such/page?lang=ru
expect body ~ Страница не найдена
cookies clear

# plural forms: the coordinator of KE sees the 14 accounts of KE
login coordinator.KE
GET /admin?lang=ru
expect body ~ 14 учетных записей
GET /admin?lang=ar
expect body ~ 14 حسابًا
GET /admin?lang=en
expect body ~ 14 accounts
