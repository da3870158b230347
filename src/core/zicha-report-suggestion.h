/* zicha-report-suggestion.h — a problem and its measure, suggested for
 * the 自查报告
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the report editor offers the user to accept or edit: a sentence
 * for 存在的主要问题 and a row for the 整改措施 table. The 等级保护
 * schedule (zicha-dengbao-schedule.h) makes one per overdue duty, the
 * notice suggestions (zicha-notice-suggestion.h) one per threat notice
 * of the report. The texts are Chinese: they are report content, like
 * the printed documents' fixed text. Nothing here writes the answers.
 */
#pragma once

#include <glib.h>

#include "zicha-answers.h"

G_BEGIN_DECLS

/* Where suggestions are meant to go. */
#define ZICHA_REPORT_PROBLEMS_PATH  "report_problems.main_problems"
#define ZICHA_REPORT_MEASURES_PATH  "report_rectification.measures"

/* Options of the measures table's status column. */
#define ZICHA_REPORT_STATUS_PLANNED      "planned"      /* 未开始 */
#define ZICHA_REPORT_STATUS_IN_PROGRESS  "in_progress"  /* 整改中 */
#define ZICHA_REPORT_STATUS_DONE         "done"         /* 已完成 */

typedef enum
{
  ZICHA_REPORT_SUGGESTION_DENGBAO,  /* an overdue 等级保护 duty of a system */
  ZICHA_REPORT_SUGGESTION_NOTICE,   /* a threat notice from the platform */
} ZichaReportSuggestionSource;

/* The 整改措施 row's values are keyed by the measures table's columns:
 * problem, measure, owner, deadline (ISO), status. */
typedef struct
{
  ZichaReportSuggestionSource  source;
  char                        *row_id;        /* DENGBAO: the system's row; else NULL */
  guint                        duty;          /* DENGBAO: its ZichaDengbaoDuty; else 0 */
  char                        *notice_id;     /* NOTICE: the notice; else NULL */

  char                        *sentence;      /* for 存在的主要问题, without the closing 。 */
  char                        *problem;       /* 问题 */
  char                        *measure;       /* 整改措施 */
  char                        *owner;         /* 责任人, may be "" */
  GDate                        deadline;      /* 完成时限 */
  char                        *deadline_iso;
  const char                  *status;        /* ZICHA_REPORT_STATUS_… */
  /* The measures table already has a row with this problem. */
  gboolean                     in_report;
} ZichaReportSuggestion;

/* Frees the strings; the struct itself is the caller's. */
void        zicha_report_suggestion_clear         (ZichaReportSuggestion *suggestion);
/* Sets deadline and deadline_iso. */
void        zicha_report_suggestion_set_deadline  (ZichaReportSuggestion *suggestion,
                                                   const GDate           *deadline);

/* The 问题 of every row the measures table already has, trimmed (a set
 * of strings): what in_report is checked against. Empty when the form has
 * no measures table. */
GHashTable *zicha_report_collect_problems         (ZichaAnswers          *answers);

/* The sentences of @suggestions (const ZichaReportSuggestion *) not yet
 * in the report, numbered the way the 自查报告 lists problems
 * (一是…；二是…。), or NULL when none. */
char       *zicha_report_suggestions_dup_problems_text (GPtrArray        *suggestions);

G_END_DECLS
