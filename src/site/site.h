/*
 * site.h: the public pages and the signed-in user's own pages: home,
 * the audience areas, sign-in and sign-out, the account, invitations,
 * and the operations endpoints /healthz and /metrics.
 */
#ifndef COPHUB_SITE_H
#define COPHUB_SITE_H

#include "http/http.h"

#include <jansson.h>
#include <stdbool.h>

int site_home(struct req *r);
int site_healthz(struct req *r);
int site_metrics(struct req *r);
int site_static(struct req *r);

int site_login_form(struct req *r);
int site_login(struct req *r);
int site_logout(struct req *r);

int site_account(struct req *r);
int site_password_form(struct req *r);
int site_password(struct req *r);
int site_account_data(struct req *r);
int site_account_delete(struct req *r);

int site_signup_form(struct req *r); /* GET /signup */
int site_signup(struct req *r);      /* POST /signup */
int site_profile(struct req *r);     /* POST /account/profile */
/* Adds the audience and email fields of /account to the page's data. */
void site_profile_fields(struct req *r, json_t *d);
#define EMAIL_MAX 254 /* characters of an email address, at most */

/* A plausible email address (one @, a dot in the domain, no spaces). */
bool email_plausible(const char *e);

/* Password resets by email (reset.c): on when both are given. */
void site_reset_configure(const char *public_url, const char *command, const char *from);
bool site_reset_on(void);
int site_reset_form(struct req *r); /* GET /reset */
int site_reset(struct req *r);      /* POST /reset */

int site_invite_form(struct req *r);
int site_invite(struct req *r);

/* The local path to return to after sign-in, or "/account". */
const char *safe_next(const char *next);

#endif
