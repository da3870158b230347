/* zicha-dengbao-schedule.h — 等级保护 deadlines of the systems table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every row of the 信息系统 table (附表1, ZICHA_DENGBAO_TABLE_PATH)
 * and a given day, when each of three duties falls due and where it
 * stands: 备案 (filing), 等级测评 (level assessment) and 安全自查
 * (self-check). A pure function of the answers and the day; it writes
 * nothing. The UI's dashboard and `zicha-cli dengbao` show it.
 *
 * The rules (《信息安全等级保护管理办法》, 公通字〔2007〕43号; see
 * /work/shared/reference/form-2019.md, §3.5):
 *
 * - 备案, 第十五条: a system of 第二级 or above is filed with the public
 *   security organ within 30 days after its level is decided (定级, a
 *   system already running) or after it goes live (投入运行, a new
 *   system). When both dates are known the later one counts: a system
 *   graded before it went live is a new system (30 days after go-live);
 *   one graded while already running counts from the grading. Due =
 *   basis + 30 days (g_date_add_days). 第一级 and 未定级 systems are not
 *   filed: not applicable.
 * - 等级测评, 第十四条: 第三级 at least once a year, 第四级 at least every
 *   six months. 第五级 is assessed "依据特殊安全需求"; like the form's own
 *   rule (system_level4_assessed_within_6_months) it is held to the
 *   第四级 interval as the least it must meet. Due = last assessment +
 *   12 / 6 months. With no assessment yet, the first one is due with the
 *   filing: 第十六条 lists the 等级测评报告 among the materials a
 *   第三级-or-above system files, so the first assessment is due on the
 *   filing due date, or on the filing date when only that is known.
 *   第一级, 第二级 and 未定级: not applicable (no interval is set).
 * - 安全自查, 第十四条: 第三级 at least once a year, 第四级 (and, as
 *   above, 第五级) at least every six months; others not applicable.
 *   Due = last self-check + 12 / 6 months.
 *
 * Month arithmetic is g_date_add_months(), which keeps the day of the
 * month and clamps it to the last day of a shorter month: 2019-08-31 +
 * 6 months = 2020-02-29, 2020-02-29 + 12 months = 2021-02-28,
 * 2019-01-31 + 1 month = 2019-02-28. A deadline is never pushed into the
 * next month. A duty is overdue from the day after its due date.
 *
 * The form's "within_months" check (the existing 12/6-month assessment
 * warnings) counts back from the report date with
 * g_date_subtract_months(), which clamps too: a row it warns about is
 * always overdue here on the same day, but after a last date at the end
 * of a short month it is up to 3 days more lenient (assessed 2019-02-28,
 * 第四级: due 2019-08-28 here; the form warns from 2019-09-01, since
 * 08-29 … 08-31 minus 6 months all clamp to 02-28).
 *
 * Where the dates come from: the systems table's 定级时间 (grading_date),
 * 投入运行时间 (go_live_date), 备案日期 (filing_date), 备案证明编号
 * (filing_number), 最近一次等级测评时间 (last_assessment) and 最近一次安全
 * 自查时间 (last_self_check), following the 备案表's 表二/表三. Each is
 * read only when the form has it as a date column. The report's own
 * self-check covers every system, so its 自查结束日期
 * (ZICHA_DENGBAO_SELF_CHECK_END_PATH) counts for a system whose own
 * self-check date is missing or earlier.
 *
 * States, against today: DONE (filed; or assessed / self-checked and the
 * next one more than ZICHA_DENGBAO_REMINDER_DAYS away), DUE (not yet due:
 * days_left ≥ 0, 0 = due today), OVERDUE (days_left < 0), UNKNOWN (a date
 * the rule needs is missing), NOT_APPLICABLE (the level has no such duty).
 *
 * Suggestions: every OVERDUE duty gives a sentence for 存在的主要问题 and a
 * row for the 整改措施 table, in Chinese (they are report content, like
 * the printed documents' fixed text), for the user to accept or edit.
 * Nothing is written into the answers here.
 */
#pragma once

#include <glib-object.h>

#include "zicha-answers.h"
#include "zicha-report-suggestion.h"

G_BEGIN_DECLS

/* Where the schedule reads. */
#define ZICHA_DENGBAO_TABLE_PATH              "system_list.systems"
#define ZICHA_DENGBAO_COLUMN_NAME             "name"
#define ZICHA_DENGBAO_COLUMN_LEVEL            "level"
#define ZICHA_DENGBAO_COLUMN_FILING_NUMBER    "filing_number"
#define ZICHA_DENGBAO_COLUMN_FILING_DATE      "filing_date"
#define ZICHA_DENGBAO_COLUMN_LAST_ASSESSMENT  "last_assessment"
#define ZICHA_DENGBAO_COLUMN_OWNER            "owner"
/* Optional columns (added to the 2019 form from the 备案表). */
#define ZICHA_DENGBAO_COLUMN_GRADED           "grading_date"
#define ZICHA_DENGBAO_COLUMN_WENT_LIVE        "go_live_date"
#define ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK  "last_self_check"
/* The report's own self-check, which covers every system. */
#define ZICHA_DENGBAO_SELF_CHECK_END_PATH     "report_process.end_date"

/* Where suggestions are meant to go. */
#define ZICHA_DENGBAO_PROBLEMS_PATH           ZICHA_REPORT_PROBLEMS_PATH
#define ZICHA_DENGBAO_MEASURES_PATH           ZICHA_REPORT_MEASURES_PATH

/* 第十五条: filing within 30 days. */
#define ZICHA_DENGBAO_FILING_DAYS    30
/* What counts as "due soon" in the summary and for DONE. */
#define ZICHA_DENGBAO_REMINDER_DAYS  30

typedef enum
{
  ZICHA_DENGBAO_LEVEL_NONE,     /* not answered, or not an option we know */
  ZICHA_DENGBAO_LEVEL_UNRATED,  /* 未定级 */
  ZICHA_DENGBAO_LEVEL_1,
  ZICHA_DENGBAO_LEVEL_2,
  ZICHA_DENGBAO_LEVEL_3,
  ZICHA_DENGBAO_LEVEL_4,
  ZICHA_DENGBAO_LEVEL_5,
} ZichaDengbaoLevel;

typedef enum
{
  ZICHA_DENGBAO_FILING,       /* 备案 */
  ZICHA_DENGBAO_ASSESSMENT,   /* 等级测评 */
  ZICHA_DENGBAO_SELF_CHECK,   /* 安全自查 */
  ZICHA_DENGBAO_N_DUTIES,
} ZichaDengbaoDuty;

typedef enum
{
  ZICHA_DENGBAO_NOT_APPLICABLE,
  ZICHA_DENGBAO_UNKNOWN,
  ZICHA_DENGBAO_DONE,
  ZICHA_DENGBAO_DUE,
  ZICHA_DENGBAO_OVERDUE,
} ZichaDengbaoState;

/* One duty of one system. Dates that do not apply are invalid GDates
 * (g_date_valid() is FALSE). */
typedef struct
{
  ZichaDengbaoDuty  duty;
  ZichaDengbaoState state;
  GDate             due;        /* the deadline (filing: also when filed) */
  GDate             last;       /* when it was last done: filed, assessed, self-checked */
  int               days_left;  /* due − today; < 0 when overdue; 0 without a due date */
  guint             months;     /* the interval: 12 or 6; 0 for filing */
  gboolean          first;      /* assessment: none yet, the first one is due */
  gboolean          late;       /* filing: done, but after the due date */
} ZichaDengbaoItem;

/* What one row of the systems table gives. For tests and other tables;
 * NULL or invalid dates are missing. */
typedef struct
{
  ZichaDengbaoLevel  level;
  const GDate       *graded;          /* 定级 */
  const GDate       *went_live;       /* 投入运行 */
  const GDate       *filed;           /* 备案日期 */
  gboolean           has_filing_number;
  const GDate       *last_assessment;
  const GDate       *last_self_check;
} ZichaDengbaoFacts;

typedef struct
{
  char              *row_id;
  char              *name;         /* "" when unanswered */
  char              *level_label;  /* the form's option label, in Chinese: 第三级 */
  char              *owner;        /* 责任人, "" when unanswered */
  ZichaDengbaoLevel  level;
  ZichaDengbaoItem   items[ZICHA_DENGBAO_N_DUTIES];
} ZichaDengbaoSystem;

typedef struct
{
  guint n_systems;
  guint n_due_soon;  /* DUE within ZICHA_DENGBAO_REMINDER_DAYS (today included) */
  guint n_overdue;
  guint n_unknown;
  GDate next_due;    /* the earliest coming deadline: of a DUE duty or the next
                      * round of a DONE assessment / self-check; or invalid */
} ZichaDengbaoSummary;

/* For an overdue duty: source ZICHA_REPORT_SUGGESTION_DENGBAO, row_id
 * the system's row, duty its ZichaDengbaoDuty, owner the system's (may be
 * ""), status "planned" (未开始). */
typedef ZichaReportSuggestion ZichaDengbaoSuggestion;

/* The rules, one by one ------------------------------------------------ */

/* The level of an option value of the level column ("l3", "unrated"). */
ZichaDengbaoLevel zicha_dengbao_level_from_string   (const char        *value);
/* Months between assessments / self-checks: 12, 6, or 0 (not applicable). */
guint             zicha_dengbao_interval_months     (ZichaDengbaoLevel  level,
                                                     ZichaDengbaoDuty   duty);
/* @basis + 30 days. */
void              zicha_dengbao_filing_due          (const GDate       *basis,
                                                     GDate             *due);
/* @last + @months, clamped to the end of a shorter month. */
void              zicha_dengbao_next_due            (const GDate       *last,
                                                     guint              months,
                                                     GDate             *due);
/* All three duties of one system on @today. */
void              zicha_dengbao_compute             (const ZichaDengbaoFacts *facts,
                                                     const GDate             *today,
                                                     ZichaDengbaoItem         items[ZICHA_DENGBAO_N_DUTIES]);

/* For people: "备案", "等级测评" … translated; "due in 3 days", "overdue
 * 12 days", "done" … translated. */
const char       *zicha_dengbao_duty_get_label      (ZichaDengbaoDuty   duty);
char             *zicha_dengbao_item_dup_state_text (const ZichaDengbaoItem *item);
/* "not_applicable", "unknown", "done", "due", "overdue"; "filing",
 * "assessment", "self_check": for JSON. */
const char       *zicha_dengbao_state_to_string     (ZichaDengbaoState  state);
const char       *zicha_dengbao_duty_to_string      (ZichaDengbaoDuty   duty);

/* The schedule of a report ----------------------------------------------- */

#define ZICHA_TYPE_DENGBAO_SCHEDULE (zicha_dengbao_schedule_get_type ())

G_DECLARE_FINAL_TYPE (ZichaDengbaoSchedule, zicha_dengbao_schedule, ZICHA, DENGBAO_SCHEDULE, GObject)

/* @today: NULL means the local date now. A form without the systems
 * table gives an empty schedule. */
ZichaDengbaoSchedule         *zicha_dengbao_schedule_new             (ZichaAnswers         *answers,
                                                                      const GDate          *today);
void                          zicha_dengbao_schedule_get_today       (ZichaDengbaoSchedule *self,
                                                                      GDate                *today);
/* Whether a per-system date column exists in the form (else the rule
 * uses what is described above). */
gboolean                      zicha_dengbao_schedule_has_column      (ZichaDengbaoSchedule *self,
                                                                      const char           *column_id);

/* Rows in table order. */
guint                         zicha_dengbao_schedule_get_n_systems   (ZichaDengbaoSchedule *self);
const ZichaDengbaoSystem     *zicha_dengbao_schedule_get_system      (ZichaDengbaoSchedule *self,
                                                                      guint                 index);
void                          zicha_dengbao_schedule_get_summary     (ZichaDengbaoSchedule *self,
                                                                      ZichaDengbaoSummary  *summary);

/* One per overdue duty, in table order then duty order. */
guint                         zicha_dengbao_schedule_get_n_suggestions (ZichaDengbaoSchedule *self);
const ZichaDengbaoSuggestion *zicha_dengbao_schedule_get_suggestion  (ZichaDengbaoSchedule *self,
                                                                      guint                 index);
/* The sentences of the suggestions not yet in the report, numbered the
 * way the 自查报告 lists problems (一是…；二是…。), or NULL when none. */
char                         *zicha_dengbao_schedule_dup_problems_text (ZichaDengbaoSchedule *self);

G_END_DECLS
