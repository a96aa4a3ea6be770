/*
 * policy.h: the policy module, /policy: the maturity framework to read,
 * and a country's self-assessments against it.
 *
 * A coordinator starts an assessment and invites stakeholders of the
 * country (accounts); each of them, and every coordinator of the country,
 * says for each capability which level describes it, with the evidence
 * and how sure they are.  A coordinator decides the assessment's answer
 * for each capability from theirs (who said what stays visible), and
 * closes it.  The result: a radar chart of the domains, a table of the
 * capabilities beside the country's previous assessment, and the gaps
 * ranked with the guidelines that address them.
 */
#ifndef COPHUB_POLICY_WEB_H
#define COPHUB_POLICY_WEB_H

#include "http/http.h"

struct pol_framework;
struct library;

/* The framework the handlers serve, and the library its links lead into
 * (loaded and checked by app_init). */
void policy_set_content(const struct pol_framework *f, const struct library *l);

int policy_index(struct req *r);
int policy_framework_page(struct req *r);
int policy_assessment_create(struct req *r);
int policy_assessment(struct req *r);
int policy_invite(struct req *r);
int policy_close(struct req *r);
int policy_result(struct req *r);
int policy_capability(struct req *r);
int policy_answer(struct req *r);
int policy_decide(struct req *r);
int policy_document_upload(struct req *r);
int policy_document(struct req *r);
int policy_document_delete(struct req *r);
int policy_strategies(struct req *r);
int policy_strategy_create(struct req *r);
int policy_strategy(struct req *r);
int policy_section(struct req *r);
int policy_section_save(struct req *r);
int policy_stakeholder_add(struct req *r);
int policy_stakeholder_delete(struct req *r);
int policy_strategy_markdown(struct req *r);
int policy_strategy_pdf(struct req *r);
int policy_plan(struct req *r);
int policy_action_add(struct req *r);
int policy_action_update(struct req *r);
int policy_milestone_add(struct req *r);
int policy_milestone_done(struct req *r);
int policy_indicator_add(struct req *r);
int policy_value_enter(struct req *r);
int policy_value_approve(struct req *r);
int policy_strategy_adopt(struct req *r);
int policy_publish(struct req *r);
int policy_plan_submit(struct req *r);
int policy_reviews(struct req *r);
int policy_version(struct req *r);
int policy_version_comment(struct req *r);
int policy_version_decide(struct req *r);
int policy_version_pdf(struct req *r);

/* The national child taskforce (taskforce.c): /policy/taskforce/CC for
 * its coordinators and members, /taskforce/CC for children. */
int policy_taskforce(struct req *r);
int policy_taskforce_save(struct req *r);
int policy_taskforce_member_add(struct req *r);
int policy_taskforce_member_remove(struct req *r);
int policy_taskforce_child_add(struct req *r);
int policy_taskforce_child_remove(struct req *r);
int policy_taskforce_meeting_add(struct req *r);
int policy_taskforce_meeting(struct req *r);
int policy_taskforce_meeting_save(struct req *r);
int policy_taskforce_recommendation_add(struct req *r);
int policy_taskforce_recommendation_answer(struct req *r);
int taskforce_public(struct req *r);
int policy_plan_compute(struct req *r);

#endif
