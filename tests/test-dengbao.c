/* test-dengbao.c — 等级保护 deadlines: the rules at month and year ends and
 * in leap years, the states against a fixed day, the schedule of a report
 * and its suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zicha-answers.h"
#include "zicha-dengbao-schedule.h"
#include "zicha-test.h"

#define DEMO_FILE "data/demo/edu-cybersec-selfcheck-2019-demo.json"

/* Helpers --------------------------------------------------------------------- */

static GDate
day (int year,
     int month,
     int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year);
  return date;
}

static char *
iso (const GDate *date)
{
  char buffer[16];

  if (!g_date_valid (date))
    return g_strdup ("(none)");
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

#define ASSERT_DATE(date, expected) \
  G_STMT_START { \
    g_autofree char *actual_ = iso (date); \
    if (!g_str_equal (actual_, expected)) \
      g_printerr ("\n  %s:%d: got %s, expected %s", __FILE__, __LINE__, actual_, expected); \
    CU_ASSERT_STRING_EQUAL (actual_, expected); \
  } G_STMT_END

static void
compute (ZichaDengbaoLevel  level,
         const GDate       *graded,
         const GDate       *went_live,
         const GDate       *filed,
         gboolean           has_number,
         const GDate       *assessed,
         const GDate       *self_checked,
         const GDate       *today,
         ZichaDengbaoItem   items[ZICHA_DENGBAO_N_DUTIES])
{
  ZichaDengbaoFacts facts = { level, graded, went_live, filed, has_number, assessed, self_checked };

  zicha_dengbao_compute (&facts, today, items);
}

static ZichaAnswers *
load_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autofree char *path = zicha_test_source_path (DEMO_FILE);
  ZichaAnswers *answers = zicha_answers_new_from_file (form, path, &error);

  if (answers == NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  return answers;
}

/* The rules -------------------------------------------------------------------- */

static void
test_filing_due (void)
{
  static const struct
  {
    int         y, m, d;
    const char *due;
  } cases[] = {
    { 2019, 1, 31, "2019-03-02" },   /* through a 28-day February */
    { 2020, 1, 31, "2020-03-01" },   /* … and a 29-day one */
    { 2019, 2, 1, "2019-03-03" },
    { 2020, 2, 1, "2020-03-02" },
    { 2020, 2, 29, "2020-03-30" },
    { 2019, 12, 15, "2020-01-14" },  /* into the next year */
    { 2019, 12, 2, "2020-01-01" },
    { 2019, 12, 1, "2019-12-31" },
    { 2019, 6, 28, "2019-07-28" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate basis = day (cases[i].y, cases[i].m, cases[i].d);
      GDate due;

      zicha_dengbao_filing_due (&basis, &due);
      ASSERT_DATE (&due, cases[i].due);
    }
}

static void
test_next_due_months (void)
{
  static const struct
  {
    int         y, m, d;
    guint       months;
    const char *due;
  } cases[] = {
    { 2019, 8, 31, 6, "2020-02-29" },   /* 四级, clamped to a leap day */
    { 2018, 8, 31, 6, "2019-02-28" },   /* … to a common February */
    { 2020, 2, 29, 12, "2021-02-28" },  /* 三级 from a leap day */
    { 2019, 2, 28, 12, "2020-02-28" },  /* not moved to the 29th */
    { 2023, 2, 28, 12, "2024-02-28" },
    { 2019, 12, 31, 6, "2020-06-30" },  /* 31 → 30 */
    { 2019, 7, 15, 6, "2020-01-15" },   /* into the next year */
    { 2019, 7, 31, 12, "2020-07-31" },
    { 2019, 3, 31, 6, "2019-09-30" },
    { 2019, 12, 31, 12, "2020-12-31" },
    { 2024, 2, 29, 6, "2024-08-29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate last = day (cases[i].y, cases[i].m, cases[i].d);
      GDate due;

      zicha_dengbao_next_due (&last, cases[i].months, &due);
      ASSERT_DATE (&due, cases[i].due);
    }
}

static void
test_levels (void)
{
  static const struct
  {
    const char        *value;
    ZichaDengbaoLevel  level;
    guint              months;
    gboolean           files;
  } cases[] = {
    { "unrated", ZICHA_DENGBAO_LEVEL_UNRATED, 0, FALSE },
    { "l1", ZICHA_DENGBAO_LEVEL_1, 0, FALSE },
    { "l2", ZICHA_DENGBAO_LEVEL_2, 0, TRUE },
    { "l3", ZICHA_DENGBAO_LEVEL_3, 12, TRUE },
    { "l4", ZICHA_DENGBAO_LEVEL_4, 6, TRUE },
    { "l5", ZICHA_DENGBAO_LEVEL_5, 6, TRUE },
    { "l6", ZICHA_DENGBAO_LEVEL_NONE, 0, FALSE },
    { NULL, ZICHA_DENGBAO_LEVEL_NONE, 0, FALSE },
  };
  GDate today = day (2019, 6, 28);
  GDate graded = day (2019, 6, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ZichaDengbaoItem items[ZICHA_DENGBAO_N_DUTIES];
      ZichaDengbaoLevel level = zicha_dengbao_level_from_string (cases[i].value);

      CU_ASSERT_EQUAL (level, cases[i].level);
      CU_ASSERT_EQUAL (zicha_dengbao_interval_months (level, ZICHA_DENGBAO_ASSESSMENT), cases[i].months);
      CU_ASSERT_EQUAL (zicha_dengbao_interval_months (level, ZICHA_DENGBAO_SELF_CHECK), cases[i].months);
      CU_ASSERT_EQUAL (zicha_dengbao_interval_months (level, ZICHA_DENGBAO_FILING), 0);

      compute (level, &graded, NULL, NULL, FALSE, NULL, NULL, &today, items);
      CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_FILING].state,
                       cases[i].files ? ZICHA_DENGBAO_DUE : ZICHA_DENGBAO_NOT_APPLICABLE);
      if (cases[i].months == 0)
        {
          /* 第二级 is filed but has no interval; below, nothing applies. */
          CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_NOT_APPLICABLE);
          CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_NOT_APPLICABLE);
          CU_ASSERT_FALSE (g_date_valid (&items[ZICHA_DENGBAO_ASSESSMENT].due));
        }
      else
        {
          /* First assessment due with the filing; no self-check date. */
          CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_DUE);
          CU_ASSERT_TRUE (items[ZICHA_DENGBAO_ASSESSMENT].first);
          ASSERT_DATE (&items[ZICHA_DENGBAO_ASSESSMENT].due, "2019-07-01");
          CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_UNKNOWN);
        }
    }
}

/* Due in N days, due today, overdue by N days, done: against a fixed day. */
static void
test_states (void)
{
  static const struct
  {
    int               y, m, d;       /* today */
    ZichaDengbaoState state;
    int               days_left;
  } cases[] = {
    /* last assessment 2019-08-31, 四级: due 2020-02-29 */
    { 2019, 9, 1, ZICHA_DENGBAO_DONE, 181 },
    { 2020, 1, 29, ZICHA_DENGBAO_DONE, 31 },
    { 2020, 1, 30, ZICHA_DENGBAO_DUE, 30 },
    { 2020, 2, 28, ZICHA_DENGBAO_DUE, 1 },
    { 2020, 2, 29, ZICHA_DENGBAO_DUE, 0 },
    { 2020, 3, 1, ZICHA_DENGBAO_OVERDUE, -1 },
    { 2021, 2, 28, ZICHA_DENGBAO_OVERDUE, -365 },
  };
  GDate assessed = day (2019, 8, 31);
  GDate filed = day (2017, 9, 15);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today = day (cases[i].y, cases[i].m, cases[i].d);
      ZichaDengbaoItem items[ZICHA_DENGBAO_N_DUTIES];
      const ZichaDengbaoItem *item = &items[ZICHA_DENGBAO_ASSESSMENT];

      compute (ZICHA_DENGBAO_LEVEL_4, NULL, NULL, &filed, TRUE, &assessed, &assessed, &today, items);
      CU_ASSERT_EQUAL (item->state, cases[i].state);
      CU_ASSERT_EQUAL (item->days_left, cases[i].days_left);
      CU_ASSERT_EQUAL (item->months, 6);
      CU_ASSERT_FALSE (item->first);
      ASSERT_DATE (&item->due, "2020-02-29");
      ASSERT_DATE (&item->last, "2019-08-31");
      /* The self-check follows the same interval. */
      CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_SELF_CHECK].state, cases[i].state);
      CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_FILING].state, ZICHA_DENGBAO_DONE);
    }
}

static void
test_filing_rules (void)
{
  GDate today = day (2019, 3, 10);
  GDate graded = day (2019, 1, 31);
  GDate live_later = day (2019, 2, 15);
  GDate live_earlier = day (2018, 5, 1);
  GDate filed_on_time = day (2019, 3, 2);
  GDate filed_late = day (2019, 3, 3);
  ZichaDengbaoItem items[ZICHA_DENGBAO_N_DUTIES];
  const ZichaDengbaoItem *filing = &items[ZICHA_DENGBAO_FILING];

  /* Graded 2019-01-31: due 2019-03-02, overdue by 8 days on 03-10. */
  compute (ZICHA_DENGBAO_LEVEL_3, &graded, NULL, NULL, FALSE, NULL, NULL, &today, items);
  CU_ASSERT_EQUAL (filing->state, ZICHA_DENGBAO_OVERDUE);
  CU_ASSERT_EQUAL (filing->days_left, -8);
  ASSERT_DATE (&filing->due, "2019-03-02");
  /* The first assessment goes with the filing. */
  CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_OVERDUE);
  CU_ASSERT_TRUE (items[ZICHA_DENGBAO_ASSESSMENT].first);
  ASSERT_DATE (&items[ZICHA_DENGBAO_ASSESSMENT].due, "2019-03-02");

  /* A new system (graded before it went live): 30 days after go-live. */
  compute (ZICHA_DENGBAO_LEVEL_2, &graded, &live_later, NULL, FALSE, NULL, NULL, &today, items);
  ASSERT_DATE (&filing->due, "2019-03-17");
  CU_ASSERT_EQUAL (filing->state, ZICHA_DENGBAO_DUE);
  CU_ASSERT_EQUAL (filing->days_left, 7);

  /* A running system graded later: 30 days after grading. */
  compute (ZICHA_DENGBAO_LEVEL_2, &graded, &live_earlier, NULL, FALSE, NULL, NULL, &today, items);
  ASSERT_DATE (&filing->due, "2019-03-02");
  /* Go-live alone. */
  compute (ZICHA_DENGBAO_LEVEL_2, NULL, &live_earlier, NULL, FALSE, NULL, NULL, &today, items);
  ASSERT_DATE (&filing->due, "2018-05-31");

  /* Filed: done, on time or late. */
  compute (ZICHA_DENGBAO_LEVEL_3, &graded, NULL, &filed_on_time, TRUE, NULL, NULL, &today, items);
  CU_ASSERT_EQUAL (filing->state, ZICHA_DENGBAO_DONE);
  CU_ASSERT_FALSE (filing->late);
  ASSERT_DATE (&filing->last, "2019-03-02");
  compute (ZICHA_DENGBAO_LEVEL_3, &graded, NULL, &filed_late, TRUE, NULL, NULL, &today, items);
  CU_ASSERT_EQUAL (filing->state, ZICHA_DENGBAO_DONE);
  CU_ASSERT_TRUE (filing->late);

  /* A certificate number without a date is a filing too. */
  compute (ZICHA_DENGBAO_LEVEL_3, NULL, NULL, NULL, TRUE, NULL, NULL, &today, items);
  CU_ASSERT_EQUAL (filing->state, ZICHA_DENGBAO_DONE);
  CU_ASSERT_FALSE (g_date_valid (&filing->due));
  /* … but then the first assessment has no date to go by. */
  CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_UNKNOWN);

  /* Filed with a date, never assessed: the assessment was due then. */
  compute (ZICHA_DENGBAO_LEVEL_3, NULL, NULL, &filed_on_time, TRUE, NULL, NULL, &today, items);
  ASSERT_DATE (&items[ZICHA_DENGBAO_ASSESSMENT].due, "2019-03-02");
  CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_ASSESSMENT].days_left, -8);

  /* Nothing to count from. */
  compute (ZICHA_DENGBAO_LEVEL_3, NULL, NULL, NULL, FALSE, NULL, NULL, &today, items);
  CU_ASSERT_EQUAL (filing->state, ZICHA_DENGBAO_UNKNOWN);
  CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_UNKNOWN);
  CU_ASSERT_EQUAL (items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_UNKNOWN);
  CU_ASSERT_EQUAL (filing->days_left, 0);
}

/* Against the form's "within_months" warning (g_date_subtract_months from
 * the report date), for every day of two years, leap day included: a row
 * the form warns about is always overdue here. The one difference is the
 * documented one: counting back clamps too, so after a last date at the
 * end of a short month (02-28, 04-30 …) the form only warns from the 1st
 * of the next month, up to three days after the deadline here. */
static void
test_agrees_with_within_months (void)
{
  GDate last = day (2019, 1, 1);
  GDate end = day (2021, 1, 1);
  guint checked = 0, lenient = 0;

  for (; g_date_compare (&last, &end) < 0; g_date_add_days (&last, 1))
    for (guint months = 6; months <= 12; months += 6)
      {
        GDate due;

        zicha_dengbao_next_due (&last, months, &due);
        for (int offset = -3; offset <= 4; offset++)
          {
            GDate today = due;
            GDate earliest;
            ZichaDengbaoItem items[ZICHA_DENGBAO_N_DUTIES];
            gboolean warned, overdue;

            if (offset < 0)
              g_date_subtract_days (&today, (guint) -offset);
            else
              g_date_add_days (&today, (guint) offset);
            earliest = today;
            g_date_subtract_months (&earliest, months);
            warned = g_date_compare (&last, &earliest) < 0;

            compute (months == 12 ? ZICHA_DENGBAO_LEVEL_3 : ZICHA_DENGBAO_LEVEL_4, NULL, NULL, NULL, TRUE, &last,
                     NULL, &today, items);
            overdue = items[ZICHA_DENGBAO_ASSESSMENT].state == ZICHA_DENGBAO_OVERDUE;
            /* Overdue exactly from the day after the deadline. */
            CU_ASSERT_EQUAL (overdue, offset > 0);
            if (warned)
              CU_ASSERT_TRUE (overdue);
            if (overdue && !warned)
              {
                lenient++;
                CU_ASSERT_TRUE (g_date_is_last_of_month (&last));
                CU_ASSERT_EQUAL (g_date_get_month (&today), g_date_get_month (&due));
              }
            checked++;
          }
      }
  CU_ASSERT_TRUE (checked > 10000);
  /* e.g. 2019-02-28 + 6 months: due 08-28 here, warned from 09-01. */
  CU_ASSERT_TRUE (lenient > 0);
}

static void
test_state_text (void)
{
  ZichaDengbaoItem item = { 0 };
  g_autofree char *due3 = NULL, *due1 = NULL, *today = NULL, *over1 = NULL, *over12 = NULL;
  g_autofree char *done = NULL, *na = NULL, *unknown = NULL;

  item.state = ZICHA_DENGBAO_DUE;
  item.days_left = 3;
  due3 = zicha_dengbao_item_dup_state_text (&item);
  item.days_left = 1;
  due1 = zicha_dengbao_item_dup_state_text (&item);
  item.days_left = 0;
  today = zicha_dengbao_item_dup_state_text (&item);
  item.state = ZICHA_DENGBAO_OVERDUE;
  item.days_left = -1;
  over1 = zicha_dengbao_item_dup_state_text (&item);
  item.days_left = -12;
  over12 = zicha_dengbao_item_dup_state_text (&item);
  item.state = ZICHA_DENGBAO_DONE;
  done = zicha_dengbao_item_dup_state_text (&item);
  item.state = ZICHA_DENGBAO_NOT_APPLICABLE;
  na = zicha_dengbao_item_dup_state_text (&item);
  item.state = ZICHA_DENGBAO_UNKNOWN;
  unknown = zicha_dengbao_item_dup_state_text (&item);

  /* LC_ALL=C.UTF-8 in the tests: the English source strings. */
  ZICHA_ASSERT_STR_EQ (due3, "due in 3 days");
  ZICHA_ASSERT_STR_EQ (due1, "due in 1 day");
  ZICHA_ASSERT_STR_EQ (today, "due today");
  ZICHA_ASSERT_STR_EQ (over1, "overdue 1 day");
  ZICHA_ASSERT_STR_EQ (over12, "overdue 12 days");
  ZICHA_ASSERT_STR_EQ (done, "done");
  ZICHA_ASSERT_STR_EQ (na, "not applicable");
  ZICHA_ASSERT_STR_EQ (unknown, "date missing");
  ZICHA_ASSERT_STR_EQ (zicha_dengbao_state_to_string (ZICHA_DENGBAO_OVERDUE), "overdue");
  ZICHA_ASSERT_STR_EQ (zicha_dengbao_duty_to_string (ZICHA_DENGBAO_SELF_CHECK), "self_check");
}

/* The schedule of a report --------------------------------------------------------- */

static const ZichaDengbaoSystem *
find_system (ZichaDengbaoSchedule *schedule,
             const char           *name)
{
  for (guint i = 0; i < zicha_dengbao_schedule_get_n_systems (schedule); i++)
    {
      const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (schedule, i);

      if (g_str_equal (system->name, name))
        return system;
    }
  CU_FAIL ("no such system");
  return NULL;
}

static void
test_demo_on_report_day (void)
{
  g_autoptr(ZichaAnswers) answers = load_demo ();
  GDate today = day (2019, 6, 28);
  g_autoptr(ZichaDengbaoSchedule) schedule = zicha_dengbao_schedule_new (answers, &today);
  const ZichaDengbaoSystem *campus, *portal, *led;
  ZichaDengbaoSummary summary;
  GDate got_today;

  zicha_dengbao_schedule_get_today (schedule, &got_today);
  CU_ASSERT_EQUAL (g_date_compare (&got_today, &today), 0);
  CU_ASSERT_EQUAL (zicha_dengbao_schedule_get_n_systems (schedule), 4);
  CU_ASSERT_TRUE (zicha_dengbao_schedule_has_column (schedule, ZICHA_DENGBAO_COLUMN_GRADED));
  CU_ASSERT_TRUE (zicha_dengbao_schedule_has_column (schedule, ZICHA_DENGBAO_COLUMN_WENT_LIVE));
  CU_ASSERT_TRUE (zicha_dengbao_schedule_has_column (schedule, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK));
  CU_ASSERT_TRUE (zicha_dengbao_schedule_has_column (schedule, ZICHA_DENGBAO_COLUMN_LAST_ASSESSMENT));

  campus = find_system (schedule, "智慧校园综合管理平台");
  CU_ASSERT_PTR_NOT_NULL_FATAL (campus);
  CU_ASSERT_EQUAL (campus->level, ZICHA_DENGBAO_LEVEL_3);
  ZICHA_ASSERT_STR_EQ (campus->level_label, "第三级");
  ZICHA_ASSERT_STR_EQ (campus->owner, "林晓峰");
  CU_ASSERT_EQUAL (campus->items[ZICHA_DENGBAO_FILING].state, ZICHA_DENGBAO_DONE);
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_FILING].last, "2017-09-15");
  /* Graded 2017-08-28 while running since 2016: filed within 30 days. */
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_FILING].due, "2017-09-27");
  CU_ASSERT_FALSE (campus->items[ZICHA_DENGBAO_FILING].late);
  CU_ASSERT_EQUAL (campus->items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_DONE);
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_ASSESSMENT].due, "2019-11-20");
  CU_ASSERT_EQUAL (campus->items[ZICHA_DENGBAO_ASSESSMENT].days_left, 145);
  /* The report's own self-check (自查结束日期 2019-06-26) is later than the
   * system's own (2019-03-15), so it counts. */
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_SELF_CHECK].last, "2019-06-26");
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_SELF_CHECK].due, "2020-06-26");
  CU_ASSERT_EQUAL (campus->items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_DONE);

  portal = find_system (schedule, "学校门户网站系统");
  CU_ASSERT_PTR_NOT_NULL_FATAL (portal);
  CU_ASSERT_EQUAL (portal->items[ZICHA_DENGBAO_FILING].state, ZICHA_DENGBAO_DONE);
  CU_ASSERT_EQUAL (portal->items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_NOT_APPLICABLE);
  CU_ASSERT_EQUAL (portal->items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_NOT_APPLICABLE);

  led = find_system (schedule, "校园广播与LED信息发布系统");
  CU_ASSERT_PTR_NOT_NULL_FATAL (led);
  CU_ASSERT_EQUAL (led->level, ZICHA_DENGBAO_LEVEL_UNRATED);
  for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
    CU_ASSERT_EQUAL (led->items[d].state, ZICHA_DENGBAO_NOT_APPLICABLE);

  zicha_dengbao_schedule_get_summary (schedule, &summary);
  CU_ASSERT_EQUAL (summary.n_systems, 4);
  CU_ASSERT_EQUAL (summary.n_overdue, 0);
  CU_ASSERT_EQUAL (summary.n_due_soon, 0);
  CU_ASSERT_EQUAL (summary.n_unknown, 0);
  ASSERT_DATE (&summary.next_due, "2019-11-20");
  CU_ASSERT_EQUAL (zicha_dengbao_schedule_get_n_suggestions (schedule), 0);
  CU_ASSERT_PTR_NULL (zicha_dengbao_schedule_dup_problems_text (schedule));
}

/* A system's own self-check counts when it is later than the report's. */
static void
test_own_self_check_later (void)
{
  g_autoptr(ZichaAnswers) answers = load_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) date = json_node_new (JSON_NODE_VALUE);
  GDate today = day (2019, 6, 28);
  g_autoptr(ZichaDengbaoSchedule) schedule = NULL;
  const ZichaDengbaoSystem *campus;

  json_node_set_string (date, "2019-06-27");
  CU_ASSERT_TRUE_FATAL (zicha_answers_set_value_at (answers,
                                                    "system_list.systems[ca5db0b1-f24b-403a-8af5-6c70c5ae8411].last_self_check",
                                                    date, &error));
  schedule = zicha_dengbao_schedule_new (answers, &today);
  campus = find_system (schedule, "智慧校园综合管理平台");
  CU_ASSERT_PTR_NOT_NULL_FATAL (campus);
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_SELF_CHECK].last, "2019-06-27");
  ASSERT_DATE (&campus->items[ZICHA_DENGBAO_SELF_CHECK].due, "2020-06-27");
}

static void
test_demo_later (void)
{
  g_autoptr(ZichaAnswers) answers = load_demo ();
  GDate soon = day (2019, 11, 1);
  GDate later = day (2020, 1, 1);
  g_autoptr(ZichaDengbaoSchedule) due_soon = zicha_dengbao_schedule_new (answers, &soon);
  g_autoptr(ZichaDengbaoSchedule) overdue = zicha_dengbao_schedule_new (answers, &later);
  const ZichaDengbaoSuggestion *suggestion;
  g_autofree char *problems = NULL;
  ZichaDengbaoSummary summary;

  zicha_dengbao_schedule_get_summary (due_soon, &summary);
  CU_ASSERT_EQUAL (summary.n_due_soon, 1);
  CU_ASSERT_EQUAL (summary.n_overdue, 0);

  zicha_dengbao_schedule_get_summary (overdue, &summary);
  CU_ASSERT_EQUAL (summary.n_overdue, 1);
  CU_ASSERT_EQUAL (summary.n_due_soon, 0);
  CU_ASSERT_EQUAL_FATAL (zicha_dengbao_schedule_get_n_suggestions (overdue), 1);

  suggestion = zicha_dengbao_schedule_get_suggestion (overdue, 0);
  CU_ASSERT_EQUAL (suggestion->duty, ZICHA_DENGBAO_ASSESSMENT);
  ZICHA_ASSERT_STR_EQ (suggestion->row_id, "ca5db0b1-f24b-403a-8af5-6c70c5ae8411");
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "智慧校园综合管理平台（第三级）应每年至少开展一次等级测评，最近一次测评为2018年11月20日，"
                       "应于2019年11月20日前完成下一次测评，已逾期42天");
  ZICHA_ASSERT_STR_EQ (suggestion->problem, "智慧校园综合管理平台未按期开展等级测评");
  CU_ASSERT_PTR_NOT_NULL (strstr (suggestion->measure, "等级测评机构"));
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "林晓峰");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2020-04-01");
  ZICHA_ASSERT_STR_EQ (suggestion->status, "planned");
  CU_ASSERT_FALSE (suggestion->in_report);

  problems = zicha_dengbao_schedule_dup_problems_text (overdue);
  ZICHA_ASSERT_STR_EQ (problems,
                       "一是智慧校园综合管理平台（第三级）应每年至少开展一次等级测评，最近一次测评为2018年11月20日，"
                       "应于2019年11月20日前完成下一次测评，已逾期42天。");
}

/* A form with the dates the 2019 one lacks, and the report sections the
 * suggestions are for. */
static const char dated_form[] =
  "{'format_version': 1, 'id': 'dated', 'version': 1, 'title': 'T', "
  "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A'}, "
  "'sections': ["
  " {'id': 'system_list', 'title': 'S', 'items': [{'id': 'systems', 'type': 'table', 'label': 'L', "
  "  'row_title': 'name', 'columns': ["
  "   {'id': 'name', 'type': 'text', 'label': 'L'},"
  "   {'id': 'level', 'type': 'choice', 'label': 'L', 'options': ["
  "     {'value': 'l2', 'label': {'zh': '第二级'}}, {'value': 'l3', 'label': {'zh': '第三级'}},"
  "     {'value': 'l4', 'label': {'zh': '第四级'}}]},"
  "   {'id': 'grading_date', 'type': 'date', 'label': 'L'},"
  "   {'id': 'go_live_date', 'type': 'date', 'label': 'L'},"
  "   {'id': 'filing_number', 'type': 'text', 'label': 'L'},"
  "   {'id': 'filing_date', 'type': 'date', 'label': 'L'},"
  "   {'id': 'last_assessment', 'type': 'date', 'label': 'L'},"
  "   {'id': 'last_self_check', 'type': 'date', 'label': 'L'},"
  "   {'id': 'owner', 'type': 'text', 'label': 'L'}]}]},"
  " {'id': 'report_rectification', 'title': 'R', 'items': [{'id': 'measures', 'type': 'table', 'label': 'L', "
  "  'columns': [{'id': 'problem', 'type': 'text', 'label': 'L'}]}]}"
  "]}";

static char *
add_system (ZichaAnswers *answers,
            const char   *name,
            const char   *level)
{
  ZichaForm *form = zicha_answers_get_form (answers);
  ZichaFormItem *table = zicha_form_lookup_item (form, "system_list.systems", NULL);
  char *row = zicha_answers_add_row (answers, table);
  g_autofree char *name_path = g_strdup_printf ("system_list.systems[%s].name", row);
  g_autofree char *level_path = g_strdup_printf ("system_list.systems[%s].level", row);
  g_autoptr(JsonNode) name_value = json_node_init_string (json_node_alloc (), name);
  g_autoptr(JsonNode) level_value = json_node_init_string (json_node_alloc (), level);

  CU_ASSERT_TRUE (zicha_answers_set_value_at (answers, name_path, name_value, NULL));
  CU_ASSERT_TRUE (zicha_answers_set_value_at (answers, level_path, level_value, NULL));
  return row;
}

static void
set_cell (ZichaAnswers *answers,
          const char   *row,
          const char   *column,
          const char   *text)
{
  g_autofree char *path = g_strdup_printf ("system_list.systems[%s].%s", row, column);
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(GError) error = NULL;

  CU_ASSERT_TRUE (zicha_answers_set_value_at (answers, path, value, &error));
  if (error != NULL)
    g_printerr ("%s\n", error->message);
}

static void
test_dated_columns_and_suggestions (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (dated_form);
  g_autoptr(ZichaAnswers) answers = zicha_answers_new (form);
  g_autofree char *new_system = add_system (answers, "招生录取系统", "l3");
  g_autofree char *old_system = add_system (answers, "财务系统", "l4");
  g_autofree char *filed_system = add_system (answers, "图书管理系统", "l2");
  GDate today = day (2019, 3, 10);
  g_autoptr(ZichaDengbaoSchedule) schedule = NULL;
  g_autoptr(ZichaDengbaoSchedule) again = NULL;
  const ZichaDengbaoSystem *system;
  const ZichaDengbaoSuggestion *suggestion;
  g_autofree char *problems = NULL;
  ZichaDengbaoSummary summary;

  /* Graded 2019-01-31 → filing due 2019-03-02: 8 days over on 03-10. */
  set_cell (answers, new_system, "grading_date", "2019-01-31");
  set_cell (answers, new_system, "owner", "王建平");
  /* Assessed 2018-08-31, 四级 → due 2019-02-28; self-checked within. */
  set_cell (answers, old_system, "filing_number", "35020013001-00009");
  set_cell (answers, old_system, "last_assessment", "2018-08-31");
  set_cell (answers, old_system, "last_self_check", "2019-01-15");
  /* Went live 2019-02-20, not filed yet: due 03-22, 12 days left. */
  set_cell (answers, filed_system, "grading_date", "2019-01-10");
  set_cell (answers, filed_system, "go_live_date", "2019-02-20");

  schedule = zicha_dengbao_schedule_new (answers, &today);
  CU_ASSERT_TRUE (zicha_dengbao_schedule_has_column (schedule, ZICHA_DENGBAO_COLUMN_GRADED));
  CU_ASSERT_EQUAL_FATAL (zicha_dengbao_schedule_get_n_systems (schedule), 3);

  system = zicha_dengbao_schedule_get_system (schedule, 0);
  ASSERT_DATE (&system->items[ZICHA_DENGBAO_FILING].due, "2019-03-02");
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_FILING].state, ZICHA_DENGBAO_OVERDUE);
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_ASSESSMENT].state, ZICHA_DENGBAO_OVERDUE);
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_UNKNOWN);

  system = zicha_dengbao_schedule_get_system (schedule, 1);
  ASSERT_DATE (&system->items[ZICHA_DENGBAO_ASSESSMENT].due, "2019-02-28");
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_ASSESSMENT].days_left, -10);
  ASSERT_DATE (&system->items[ZICHA_DENGBAO_SELF_CHECK].due, "2019-07-15");
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_SELF_CHECK].state, ZICHA_DENGBAO_DONE);

  system = zicha_dengbao_schedule_get_system (schedule, 2);
  ASSERT_DATE (&system->items[ZICHA_DENGBAO_FILING].due, "2019-03-22");
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_FILING].state, ZICHA_DENGBAO_DUE);
  CU_ASSERT_EQUAL (system->items[ZICHA_DENGBAO_FILING].days_left, 12);

  zicha_dengbao_schedule_get_summary (schedule, &summary);
  CU_ASSERT_EQUAL (summary.n_overdue, 3);
  CU_ASSERT_EQUAL (summary.n_due_soon, 1);
  CU_ASSERT_EQUAL (summary.n_unknown, 1);
  ASSERT_DATE (&summary.next_due, "2019-03-22");

  CU_ASSERT_EQUAL_FATAL (zicha_dengbao_schedule_get_n_suggestions (schedule), 3);
  suggestion = zicha_dengbao_schedule_get_suggestion (schedule, 0);
  CU_ASSERT_EQUAL (suggestion->duty, ZICHA_DENGBAO_FILING);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "招生录取系统（第三级）于2019年1月31日定级，应于2019年3月2日前向公安机关办理备案手续，"
                       "至今未备案，已逾期8天");
  ZICHA_ASSERT_STR_EQ (suggestion->problem, "招生录取系统未按期办理等级保护备案");
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "王建平");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2019-04-09");
  suggestion = zicha_dengbao_schedule_get_suggestion (schedule, 1);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "招生录取系统（第三级）尚未开展等级测评，首次测评应于2019年3月2日前完成，已逾期8天");
  suggestion = zicha_dengbao_schedule_get_suggestion (schedule, 2);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "财务系统（第四级）应每半年至少开展一次等级测评，最近一次测评为2018年8月31日，"
                       "应于2019年2月28日前完成下一次测评，已逾期10天");
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2019-06-10");

  problems = zicha_dengbao_schedule_dup_problems_text (schedule);
  CU_ASSERT_TRUE (g_str_has_prefix (problems, "一是招生录取系统（第三级）于"));
  CU_ASSERT_PTR_NOT_NULL (strstr (problems, "；二是招生录取系统（第三级）尚未开展等级测评"));
  CU_ASSERT_PTR_NOT_NULL (strstr (problems, "；三是财务系统（第四级）"));
  CU_ASSERT_TRUE (g_str_has_suffix (problems, "已逾期10天。"));

  /* Accepted into the measures table: marked, and left out of the text. */
  {
    ZichaFormItem *measures = zicha_form_lookup_item (form, "report_rectification.measures", NULL);
    g_autofree char *row = zicha_answers_add_row (answers, measures);
    g_autofree char *path = g_strdup_printf ("report_rectification.measures[%s].problem", row);
    g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "财务系统未按期开展等级测评");
    g_autofree char *fewer = NULL;

    CU_ASSERT_TRUE (zicha_answers_set_value_at (answers, path, value, NULL));
    again = zicha_dengbao_schedule_new (answers, &today);
    CU_ASSERT_FALSE (zicha_dengbao_schedule_get_suggestion (again, 0)->in_report);
    CU_ASSERT_TRUE (zicha_dengbao_schedule_get_suggestion (again, 2)->in_report);
    fewer = zicha_dengbao_schedule_dup_problems_text (again);
    CU_ASSERT_PTR_NULL (strstr (fewer, "财务系统"));
    CU_ASSERT_TRUE (g_str_has_suffix (fewer, "已逾期8天。"));
  }
}

static void
test_no_table (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (
    "{'format_version': 1, 'id': 'x', 'version': 1, 'title': 'T', "
    "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A'}, "
    "'sections': [{'id': 's', 'title': 'S', 'items': [{'id': 'a', 'type': 'text', 'label': 'L'}]}]}");
  g_autoptr(ZichaAnswers) answers = zicha_answers_new (form);
  g_autoptr(ZichaDengbaoSchedule) schedule = zicha_dengbao_schedule_new (answers, NULL);
  ZichaDengbaoSummary summary;
  GDate today;

  CU_ASSERT_EQUAL (zicha_dengbao_schedule_get_n_systems (schedule), 0);
  zicha_dengbao_schedule_get_summary (schedule, &summary);
  CU_ASSERT_EQUAL (summary.n_systems, 0);
  CU_ASSERT_FALSE (g_date_valid (&summary.next_due));
  /* NULL: today, from the local clock. */
  zicha_dengbao_schedule_get_today (schedule, &today);
  CU_ASSERT_TRUE (g_date_valid (&today));
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/dengbao/rules/filing-due", test_filing_due },
    { "/dengbao/rules/next-due-months", test_next_due_months },
    { "/dengbao/rules/levels", test_levels },
    { "/dengbao/rules/states", test_states },
    { "/dengbao/rules/filing", test_filing_rules },
    { "/dengbao/rules/agrees-with-within-months", test_agrees_with_within_months },
    { "/dengbao/state-text", test_state_text },
    { "/dengbao/schedule/demo-on-report-day", test_demo_on_report_day },
    { "/dengbao/schedule/demo-later", test_demo_later },
    { "/dengbao/schedule/dated-columns-suggestions", test_dated_columns_and_suggestions },
    { "/dengbao/schedule/own-self-check-later", test_own_self_check_later },
    { "/dengbao/schedule/no-table", test_no_table },
    { NULL, NULL }
  };

  return zicha_test_run ("dengbao", NULL, NULL, cases);
}
