# The installable children's app: the service worker and the manifest,
# the list of what a band needs offline, feedback pages that store
# nothing, and answers given offline arriving in batches, each batch
# stored once however often it is sent.

GET /play/sw.js
expect status 200
expect header Content-Type ~ javascript
expect header Service-Worker-Allowed = /play
expect header Cache-Control = no-cache
expect body ~ /play/sync
GET /play/manifest.webmanifest?lang=ar
expect status 200
expect header Content-Type = application/manifest+json; charset=utf-8
expect body ~ "dir":"rtl"
expect body ~ "start_url":"/play"
expect body ~ "scope":"/play"
expect body matches "src":"/static/play/icon-512\.png\?v=[0-9a-f]+"
GET /play
expect body matches <link rel="manifest" href="/play/manifest\.webmanifest\?lang=[a-z]+">

# what the under-9 band needs, in French: pages, feedback, pictures, recordings
GET /play/offline/u9?lang=fr
expect status 200
expect header Content-Type = application/json; charset=utf-8
expect body ~ "lang":"fr"
expect body ~ "/play/u9/u9-where-i-live"
expect body ~ "/play/u9/u9-where-i-live/feedback?step=start&choice=b"
expect body ~ "/play/help/bullied"
expect body matches "/static/play/scenes/u9-where-i-live\.svg\?v=
expect body matches "/play/audio/fr/[0-9a-f]{16}\.opus"
expect body !~ /play/13-18/
expect body !~ http
GET /play/offline/9-12
expect body ~ "/play/9-12/passphrase"
expect body matches "/static/play/common-passwords\.txt\?v=
GET /play/offline/13-18
expect body ~ "/play/13-18/13-18-threat-after-photo?step=
expect body !~ common-passwords
expect body !~ /play/audio/
GET /play/offline/adults
expect status 404

# a feedback page by GET shows the same and stores nothing
GET /play/13-18/13-18-threat-after-photo/feedback?step=start&choice=a&lang=ru
expect status 200
expect body ~ <html lang="ru"
expect body ~ href="/play/13-18/13-18-threat-after-photo?step=
GET /play/13-18/13-18-threat-after-photo/feedback?step=start&choice=z
expect status 404
GET /play/13-18/13-18-threat-after-photo/feedback?step=nowhere&choice=a
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM play_events WHERE lang = 'ru' AND scenario = '13-18-threat-after-photo'" "0"

# a batch of answers made offline: stored once
POST /play/sync batch=0123456789abcdef0123456789abcdef&answers=u9+u9-oops+start+b+ar+2026-11-01%0A13-18+13-18-threat-after-photo+start+a+ar+2026-11-02
expect status 200
expect body ~ stored 2
# sent again (the answer to the first try was lost): nothing more stored
POST /play/sync batch=0123456789abcdef0123456789abcdef&answers=u9+u9-oops+start+b+ar+2026-11-01%0A13-18+13-18-threat-after-photo+start+a+ar+2026-11-02
expect status 200
expect body ~ stored before
exec ${data}/tests/http/sql '${db}' "SELECT band, scenario, step, choice, lang, safe, CASE WHEN class_id IS NULL AND member_id IS NULL THEN 'none' ELSE 'id' END FROM play_events WHERE lang = 'ar' AND scenario IN ('u9-oops', '13-18-threat-after-photo') ORDER BY band" "13-18|13-18-threat-after-photo|start|a|ar|2|none;u9|u9-oops|start|b|ar|0|none"

# tampered answers: the batch is refused whole, with the reason
POST /play/sync batch=11111111111111111111111111111111&answers=u9+u9-oops+start+b+es+2026-11-01%0Au9+u9-oops+start+q+es+2026-11-01
expect status 400
expect body ~ answer 2: no such choice
POST /play/sync batch=22222222222222222222222222222222&answers=9-12+u9-oops+start+a+es+2026-11-01
expect status 400
expect body ~ answer 1: no such story in this band
POST /play/sync batch=33333333333333333333333333333333&answers=u9+u9-oops+later+a+es+2026-11-01
expect body ~ answer 1: no such step
POST /play/sync batch=44444444444444444444444444444444&answers=u9+u9-oops+start+a+tlh+2026-11-01
expect body ~ answer 1: not a language of the game
POST /play/sync batch=55555555555555555555555555555555&answers=u9+u9-oops+start+a+es+yesterday
expect body ~ answer 1: the day is not YYYY-MM-DD
POST /play/sync batch=66666666666666666666666666666666&answers=u9+u9-oops+start+a+es
expect body ~ answer 1: six fields
POST /play/sync batch=not-a-batch&answers=u9+u9-oops+start+a+es+2026-11-01
expect status 400
expect body ~ batch: 32 hexadecimal digits
POST /play/sync batch=77777777777777777777777777777777&answers=
expect status 400
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*) FROM play_events WHERE lang = 'es' AND scenario = 'u9-oops'" "0"
# the refused batch ids were not kept: fixed, the batch is stored
POST /play/sync batch=11111111111111111111111111111111&answers=u9+u9-oops+start+b+es+2026-11-01
expect status 200
expect body ~ stored 1
# a device with its clock far off: the answer counts for today
POST /play/sync batch=88888888888888888888888888888888&answers=u9+u9-oops+start+a+zh+1999-01-01
expect body ~ stored 1
exec ${data}/tests/http/sql '${db}' "SELECT day FROM play_events WHERE lang = 'zh' AND scenario = 'u9-oops'" "$(date -u +%F)"
# from another site: refused
POST /play/sync batch=99999999999999999999999999999999&answers=u9+u9-oops+start+a+en+2026-11-01
header Origin: http://elsewhere.example
expect status 403
POST /play/sync batch=99999999999999999999999999999999&answers=u9+u9-oops+start+a+en+2026-11-01
header Sec-Fetch-Site: cross-site
expect status 403
