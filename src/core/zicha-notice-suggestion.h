/* zicha-notice-suggestion.h — the threat notices (威胁通报) a report
 * speaks of, and what to write about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure function of the answers, the report's year, the stored notices
 * with their feedback (整改反馈) and the platform's "now"; it writes
 * nothing. The report editor's deadlines page shows it.
 *
 * Which notices belong in a report:
 *
 * - The report's period is its year (zicha_report_get_year()), 1 January
 *   to 31 December, widened to the self-inspection's own dates
 *   (自查开始日期 / 自查结束日期, ZICHA_NOTICE_SUGGESTION_START_PATH and
 *   _END_PATH) where they reach into the year before or after: an
 *   inspection started in December or finished in January still covers
 *   what it found. Dates further off are taken for typing errors. The
 *   report date (header.fill_date) does not move it: it says when the
 *   form was filled in, not what it covers.
 * - A notice detected within the period belongs, whatever its state.
 * - A notice still open (zicha_notice_is_pending(): the platform has no
 *   feedback for it yet), or answered but not rectified, that was
 *   detected before the period belongs too: it is a problem the unit
 *   still has.
 * - Withdrawn notices (issued in error) and notices detected after the
 *   period (a later report's) do not.
 *
 * Days are counted in the local time zone, as the printed documents
 * date things. Notices come in the order they were detected.
 *
 * For each, a suggestion (ZichaReportSuggestion, source
 * ZICHA_REPORT_SUGGESTION_NOTICE), from the notice and the newest
 * feedback this client made for it (feedback the platform refused for
 * good does not count):
 *
 * - status: "done" (已完成) when the feedback says rectified, or when the
 *   platform resolved the notice; "in_progress" (整改中) when there is
 *   feedback that is not rectified yet, or the platform has feedback made
 *   elsewhere (answered); "planned" (未开始) otherwise.
 * - sentence: when it was detected, where and what ("2026年11月25日，平台
 *   远程检测发现本单位 https://… 存在弱口令（高危）"), then where it
 *   stands: "，已于2026年11月26日完成整改并反馈" (while the feedback
 *   waits in the outbox: "…完成整改，反馈待报送平台"); "，已完成整改，
 *   经平台确认"; "，已向平台反馈整改进展，整改尚未完成" (waiting: "，整改
 *   尚未完成，整改进展待报送平台"); "，尚未完成整改，须于
 *   2026年11月28日 10:30前整改并反馈"; past the deadline "，尚未完成整改，
 *   已超过2026年11月28日 10:30的72小时整改期限".
 * - problem: the target and the threat with the notice's date and time,
 *   unique per notice: "https://… 存在弱口令（2026年11月25日 10:30威胁通报）".
 * - measure: the feedback's measures, else ZICHA_NOTICE_SUGGESTION_MEASURE.
 * - owner: the feedback's responsible person, else "".
 * - deadline: the day rectification was completed when done, else the
 *   day of the notice's 72-hour deadline.
 * - in_report: the measures table has a row with this problem.
 */
#pragma once

#include <glib-object.h>

#include "zicha-answers.h"
#include "zicha-notice.h"
#include "zicha-report-suggestion.h"
#include "zicha-store.h"

G_BEGIN_DECLS

/* The self-inspection's own dates. */
#define ZICHA_NOTICE_SUGGESTION_START_PATH  "report_process.start_date"
#define ZICHA_NOTICE_SUGGESTION_END_PATH    "report_process.end_date"

/* The measure of a notice without feedback. */
#define ZICHA_NOTICE_SUGGESTION_MEASURE "按通报要求排查整改，并在72小时内向平台反馈整改情况。"

#define ZICHA_TYPE_NOTICE_SUGGESTIONS (zicha_notice_suggestions_get_type ())

G_DECLARE_FINAL_TYPE (ZichaNoticeSuggestions, zicha_notice_suggestions, ZICHA, NOTICE_SUGGESTIONS, GObject)

/* @year: the report's. @notices: ZichaNotice*, as
 * zicha_store_list_notices() gives them. @feedback (nullable):
 * ZichaFeedback* of any notices, oldest first, as
 * zicha_store_list_feedback (store, NULL) gives them; kept (referenced).
 * @platform_now: the platform's clock (zicha_store_get_platform_now()). */
ZichaNoticeSuggestions      *zicha_notice_suggestions_new            (ZichaAnswers           *answers,
                                                                      int                     year,
                                                                      GPtrArray              *notices,
                                                                      GPtrArray              *feedback,
                                                                      GDateTime              *platform_now);
/* The same from what @store holds, by the platform's clock as the store
 * knows it; NULL with @error when the store cannot be read. */
ZichaNoticeSuggestions      *zicha_notice_suggestions_new_from_store (ZichaStore             *store,
                                                                      ZichaAnswers           *answers,
                                                                      int                     year,
                                                                      GError                **error);

/* The first and last day of the report's period (see above). */
void                         zicha_notice_suggestions_get_period     (ZichaNoticeSuggestions *self,
                                                                      GDate                  *first,
                                                                      GDate                  *last);
GDateTime                   *zicha_notice_suggestions_get_platform_now (ZichaNoticeSuggestions *self);

/* The notices of the report, in the order they were detected; each has
 * its newest feedback (NULL: none) and its suggestion at the same index. */
guint                        zicha_notice_suggestions_get_n_notices  (ZichaNoticeSuggestions *self);
ZichaNotice                 *zicha_notice_suggestions_get_notice     (ZichaNoticeSuggestions *self,
                                                                      guint                   index);
const ZichaFeedback         *zicha_notice_suggestions_get_feedback   (ZichaNoticeSuggestions *self,
                                                                      guint                   index);
const ZichaReportSuggestion *zicha_notice_suggestions_get_suggestion (ZichaNoticeSuggestions *self,
                                                                      guint                   index);

G_END_DECLS
