/*
 * routes.c: every route of cophub in one table: method, path, the roles
 * allowed (deny by default), the largest body accepted, the handler and
 * flags.  The access-control tests (tests/http/access.matrix) must list
 * every row; `cophub routes` prints the table.
 */
#include "admin/admin.h"
#include "learn/learn.h"
#include "library/library.h"
#include "play/play.h"
#include "site/site.h"
#include "web/app.h"
#include "web/roles.h"

#define SMALL_FORM 4096
#define FORM 65536

const struct route app_routes[] = {
	/* method  path                           roles        body        handler */
	{"GET", "/", R_ANY, 0, site_home, 0},
	{"GET", "/play", R_ANY, 0, play_index, 0},
	{"GET", "/play/tips", R_ANY, 0, play_tips, 0},
	{"GET", "/play/help", R_ANY, 0, play_help_index, 0},
	{"GET", "/play/help/:flow", R_ANY, 0, play_help_flow, 0},
	{"GET", "/play/checkup", R_ANY, 0, play_checkup, 0},
	{"GET", "/play/9-12/sort", R_ANY, 0, play_sort, 0},
	{"POST", "/play/9-12/sort", R_ANY, SMALL_FORM, play_sort_answer, ROUTE_NO_CSRF | ROUTE_NO_TX},
	{"GET", "/play/9-12/passphrase", R_ANY, 0, play_passphrase, 0},
	{"GET", "/play/join", R_ANY, 0, play_join_form, 0},
	{"GET", "/play/audio/:lang/:file", R_ANY, 0, play_audio, 0},
	{"POST", "/play/join", R_ANY, SMALL_FORM, play_join, ROUTE_NO_CSRF},
	{"POST", "/play/leave", R_ANY, SMALL_FORM, play_leave, ROUTE_NO_CSRF},
	{"GET", "/play/sw.js", R_ANY, 0, play_sw, 0},
	{"GET", "/play/manifest.webmanifest", R_ANY, 0, play_manifest, 0},
	{"GET", "/play/offline/:band", R_ANY, 0, play_offline_list, 0},
	{"POST", "/play/sync", R_ANY, 32768, play_sync, ROUTE_NO_CSRF},
	{"GET", "/play/:band", R_ANY, 0, play_band, 0},
	{"GET", "/play/:band/:id", R_ANY, 0, play_scenario_page, 0},
	{"POST", "/play/:band/:id", R_ANY, SMALL_FORM, play_answer, ROUTE_NO_CSRF | ROUTE_NO_TX},
	{"GET", "/play/:band/:id/feedback", R_ANY, 0, play_feedback, 0},
	{"GET", "/exit", R_ANY, 0, play_exit, 0},
	{"GET", "/classes", R_USER, 0, classes_list, 0},
	{"POST", "/classes", R_USER, SMALL_FORM, classes_create, 0},
	{"GET", "/classes/:id", R_USER, 0, classes_report, 0},
	{"POST", "/classes/:id/delete", R_USER, SMALL_FORM, classes_delete, 0},
	{"GET", "/learn", R_ANY, 0, learn_catalogue, 0},
	{"GET", "/learn/certificates", R_USER, 0, learn_certificates, 0},
	{"GET", "/learn/certificates/:code/pdf", R_USER, 0, learn_certificate_pdf, 0},
	{"GET", "/learn/trainings", R_USER, 0, learn_trainings, 0},
	{"GET", "/learn/trainings/new", R_USER, 0, learn_training_form, 0},
	{"POST", "/learn/trainings", R_USER, FORM, learn_training_create, 0},
	{"GET", "/learn/trainings/:id", R_USER, 0, learn_training_page, 0},
	{"POST", "/learn/trainings/:id/register", R_USER, SMALL_FORM, learn_training_register, 0},
	{"POST", "/learn/trainings/:id/cancel", R_USER, SMALL_FORM, learn_training_cancel, 0},
	{"POST", "/learn/trainings/:id/add", R_USER, SMALL_FORM, learn_training_add, 0},
	{"POST", "/learn/trainings/:id/attendance", R_USER, FORM, learn_training_attendance, 0},
	{"GET", "/learn/trainings/:id/sheet", R_USER, 0, learn_training_sheet, 0},
	{"POST", "/learn/trainings/:id/feedback", R_USER, SMALL_FORM, learn_training_feedback, 0},
	{"POST", "/learn/trainings/:id/certificate", R_USER, SMALL_FORM, learn_training_certificate,
	 0},
	{"POST", "/learn/trainings/:id/confirm", R_USER, SMALL_FORM, learn_training_confirm, 0},
	{"POST", "/learn/trainings/:id/call-off", R_USER, SMALL_FORM, learn_training_call_off, 0},
	{"GET", "/learn/trainer-path", R_USER, 0, learn_trainer_path, 0},
	{"POST", "/learn/trainer-path/certificate", R_USER, SMALL_FORM, learn_trainer_certificate,
	 0},
	{"GET", "/learn/cascade/:cc", R_MANAGERS | R_TRAINER, 0, learn_cascade, ROUTE_OWN_COUNTRY},
	{"GET", "/learn/reports/:cc", R_MANAGERS, 0, learn_report, ROUTE_OWN_COUNTRY},
	{"GET", "/learn/reports/:cc/csv", R_MANAGERS, 0, learn_report_csv, ROUTE_OWN_COUNTRY},
	{"GET", "/learn/:course", R_ANY, 0, learn_course_page, 0},
	{"GET", "/learn/:course/:lesson", R_ANY, 0, learn_lesson_page, 0},
	{"POST", "/learn/:course/enrol", R_USER, SMALL_FORM, learn_enrol, 0},
	{"POST", "/learn/:course/enrol-others", R_ADMIN | R_COORDINATOR | R_TRAINER, FORM,
	 learn_enrol_others, 0},
	{"GET", "/learn/:course/quiz/:quiz", R_USER, 0, learn_quiz_page, 0},
	{"POST", "/learn/:course/quiz/:quiz", R_USER, FORM, learn_quiz_answer, 0},
	{"POST", "/learn/:course/certificate", R_USER, SMALL_FORM, learn_certificate_issue, 0},
	{"GET", "/verify/:code", R_ANY, 0, learn_verify, 0},
	{"POST", "/verify/:code/revoke", R_ADMIN | R_COORDINATOR, SMALL_FORM, learn_certificate_revoke, 0},
	{"POST", "/verify/:code/reissue", R_ADMIN | R_COORDINATOR, SMALL_FORM, learn_certificate_reissue, 0},
	{"GET", "/badges/issuer/:cc", R_ANY, 0, learn_badge_issuer, 0},
	{"GET", "/badges/class/:cc/:course", R_ANY, 0, learn_badge_class, 0},
	{"GET", "/badges/image/:course", R_ANY, 0, learn_badge_image, 0},
	{"GET", "/badges/assertion/:code", R_ANY, 0, learn_badge_assertion, 0},
	{"GET", "/library", R_ANY, 0, library_index, 0},
	{"GET", "/library/search", R_ANY, 0, library_search, 0},
	{"GET", "/library/:set", R_ANY, 0, library_set_page, 0},
	{"GET", "/library/:set/checklist", R_ANY, 0, library_checklist, 0},
	{"POST", "/library/:set/checklist", R_ANY, FORM, library_checklist_pdf, 0},
	{"GET", "/library/:set/:chapter", R_ANY, 0, library_chapter, 0},
	{"GET", "/policy", R_ANY, 0, site_area, 0},
	{"GET", "/healthz", R_ANY, 0, site_healthz, 0},
	{"GET", "/metrics", R_ANY, 0, site_metrics, 0},
	{"GET", "/static/", R_ANY, 0, site_static, ROUTE_STATIC},

	{"GET", "/login", R_ANY, 0, site_login_form, 0},
	{"POST", "/login", R_ANY, SMALL_FORM, site_login, 0},
	{"POST", "/logout", R_USER, SMALL_FORM, site_logout, 0},
	{"GET", "/signup", R_ANY, 0, site_signup_form, 0},
	{"POST", "/signup", R_ANY, SMALL_FORM, site_signup, 0},
	{"GET", "/reset", R_ANY, 0, site_reset_form, 0},
	{"POST", "/reset", R_ANY, SMALL_FORM, site_reset, 0},
	{"GET", "/invite/:token", R_ANY, 0, site_invite_form, 0},
	{"POST", "/invite/:token", R_ANY, SMALL_FORM, site_invite, 0},

	{"GET", "/account", R_USER, 0, site_account, 0},
	{"GET", "/account/password", R_USER, 0, site_password_form, 0},
	{"POST", "/account/password", R_USER, SMALL_FORM, site_password, 0},
	{"POST", "/account/profile", R_USER, SMALL_FORM, site_profile, 0},
	{"GET", "/account/data", R_USER, 0, site_account_data, 0},
	{"POST", "/account/delete", R_USER, SMALL_FORM, site_account_delete, 0},

	{"GET", "/admin", R_MANAGERS, 0, admin_home, 0},
	{"GET", "/admin/users", R_MANAGERS, 0, admin_users, 0},
	{"POST", "/admin/users", R_MANAGERS, SMALL_FORM, admin_user_create, 0},
	{"GET", "/admin/users/:id", R_MANAGERS, 0, admin_user, 0},
	{"POST", "/admin/users/:id/role", R_ADMIN, SMALL_FORM, admin_user_role, 0},
	{"POST", "/admin/users/:id/disable", R_MANAGERS, SMALL_FORM, admin_user_disable, 0},
	{"POST", "/admin/users/:id/enable", R_MANAGERS, SMALL_FORM, admin_user_enable, 0},
	{"POST", "/admin/users/:id/invite", R_MANAGERS, SMALL_FORM, admin_user_invite, 0},
	{"GET", "/admin/countries", R_ADMIN, 0, admin_countries, 0},
	{"GET", "/admin/countries/:cc", R_MANAGERS, 0, admin_country, ROUTE_OWN_COUNTRY},
	{"POST", "/admin/countries/:cc", R_MANAGERS, FORM, admin_country_save, ROUTE_OWN_COUNTRY},
	{"GET", "/admin/countries/:cc/helpline", R_MANAGERS, 0, admin_helpline, ROUTE_OWN_COUNTRY},
	{"POST", "/admin/countries/:cc/helpline", R_MANAGERS, SMALL_FORM, admin_helpline_save,
	 ROUTE_OWN_COUNTRY},
};

const size_t app_nroutes = sizeof(app_routes) / sizeof(app_routes[0]);
