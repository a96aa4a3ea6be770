/*
 * dashboard.h: the public global dashboard, /dashboard: what cophub knows
 * of each country's programme, as aggregates, with its figures as CSV
 * (/dashboard.csv) and JSON (/dashboard.json).
 */
#ifndef COPHUB_DASHBOARD_H
#define COPHUB_DASHBOARD_H

#include "http/http.h"

int dashboard_page(struct req *r);
int dashboard_csv(struct req *r);
int dashboard_json(struct req *r);
/* A country's page, /dashboard/:cc (country.c). */
int dashboard_country(struct req *r);
/* Forgets the figures kept for a minute (at the end of the process). */
void dashboard_free(void);
void dashboard_country_free(void);

#endif
