/*
 * admin.h: the administration pages: accounts and countries.
 *
 * An administrator manages every account and country.  A national
 * coordinator manages the accounts of their own country with the roles
 * role_coordinator_may_grant() allows, and their country's settings; every
 * query they cause is filtered by their country.
 */
#ifndef COPHUB_ADMIN_H
#define COPHUB_ADMIN_H

#include "http/http.h"

int admin_home(struct req *r);
int admin_users(struct req *r);
int admin_user_create(struct req *r);
int admin_user(struct req *r);
int admin_user_role(struct req *r);
int admin_user_disable(struct req *r);
int admin_user_enable(struct req *r);
int admin_user_invite(struct req *r);
int admin_countries(struct req *r);
int admin_country(struct req *r);
int admin_country_save(struct req *r);
int admin_helpline(struct req *r);
int admin_helpline_save(struct req *r);

#endif
