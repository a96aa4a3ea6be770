# Every band in every language, over plain HTTP: the band's page, its
# first story and a feedback page, each in the language asked for (the
# story's title from content/play/i18n/), right to left in Arabic, with
# no placeholder left and no link to another host.
# The titles are those of content/play/ and its translations: a lost
# translation fails here.
GET /play/u9?lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ Where I live
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live?lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ Where I live
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live/feedback?step=start&choice=a&lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ Where I live
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9?lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ أين أسكن
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live?lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ أين أسكن
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live/feedback?step=start&choice=a&lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ أين أسكن
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9?lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 我住在哪里
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live?lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 我住在哪里
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live/feedback?step=start&choice=a&lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 我住在哪里
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Là où j&#39;habite
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Là où j&#39;habite
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live/feedback?step=start&choice=a&lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Là où j&#39;habite
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9?lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Где я живу
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live?lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Где я живу
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live/feedback?step=start&choice=a&lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Где я живу
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9?lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ Dónde vivo
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live?lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ Dónde vivo
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/u9/u9-where-i-live/feedback?step=start&choice=a&lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ Dónde vivo
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12?lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ A new game profile
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile?lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ A new game profile
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile/feedback?step=start&choice=a&lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ A new game profile
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12?lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ ملف شخصي جديد في لعبة
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile?lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ ملف شخصي جديد في لعبة
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile/feedback?step=start&choice=a&lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ ملف شخصي جديد في لعبة
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12?lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 新游戏的个人资料
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile?lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 新游戏的个人资料
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile/feedback?step=start&choice=a&lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 新游戏的个人资料
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Un nouveau profil de jeu
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Un nouveau profil de jeu
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile/feedback?step=start&choice=a&lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Un nouveau profil de jeu
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12?lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Профиль в новой игре
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile?lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Профиль в новой игре
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile/feedback?step=start&choice=a&lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Профиль в новой игре
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12?lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ Un perfil nuevo para jugar
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile?lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ Un perfil nuevo para jugar
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/9-12/9-12-privacy-game-profile/feedback?step=start&choice=a&lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ Un perfil nuevo para jugar
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18?lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ Who can see where I am?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz?lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ Who can see where I am?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz/feedback?step=start&choice=a&lang=en
expect status 200
expect body ~ <html lang="en" dir="ltr">
expect header Content-Language = en
expect body ~ Who can see where I am?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18?lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ من يستطيع أن يرى أين أنا؟
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz?lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ من يستطيع أن يرى أين أنا؟
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz/feedback?step=start&choice=a&lang=ar
expect status 200
expect body ~ <html lang="ar" dir="rtl">
expect header Content-Language = ar
expect body ~ من يستطيع أن يرى أين أنا؟
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18?lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 谁能看到我在哪里？
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz?lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 谁能看到我在哪里？
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz/feedback?step=start&choice=a&lang=zh
expect status 200
expect body ~ <html lang="zh" dir="ltr">
expect header Content-Language = zh
expect body ~ 谁能看到我在哪里？
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Qui peut voir où je suis ?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz?lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Qui peut voir où je suis ?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz/feedback?step=start&choice=a&lang=fr
expect status 200
expect body ~ <html lang="fr" dir="ltr">
expect header Content-Language = fr
expect body ~ Qui peut voir où je suis ?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18?lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Кто видит, где я?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz?lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Кто видит, где я?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz/feedback?step=start&choice=a&lang=ru
expect status 200
expect body ~ <html lang="ru" dir="ltr">
expect header Content-Language = ru
expect body ~ Кто видит, где я?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18?lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ ¿Quién puede ver dónde estoy?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz?lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ ¿Quién puede ver dónde estoy?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
GET /play/13-18/13-18-location-and-quiz/feedback?step=start&choice=a&lang=es
expect status 200
expect body ~ <html lang="es" dir="ltr">
expect header Content-Language = es
expect body ~ ¿Quién puede ver dónde estoy?
expect body !matches \{[a-z_]+\}
expect body !~ ="http
