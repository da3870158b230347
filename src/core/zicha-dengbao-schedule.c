/* zicha-dengbao-schedule.c — 等级保护 deadlines of the systems table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules and their sources are in zicha-dengbao-schedule.h. Dates are
 * GDate only: g_date_add_days() for the 30 days of filing,
 * g_date_add_months() for the assessment and self-check intervals,
 * g_date_days_between() for what is left.
 */
#define G_LOG_DOMAIN "zicha-dengbao"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-dengbao-schedule.h"
#include "zicha-document-format.h"

/* How long a suggested measure gets, from today: filing has its own 30
 * days; an assessment needs a testing body booked (three months); a
 * self-check is the unit's own work (one month). The user edits them. */
#define SUGGEST_FILING_DAYS        30
#define SUGGEST_ASSESSMENT_MONTHS  3
#define SUGGEST_SELF_CHECK_MONTHS  1

struct _ZichaDengbaoSchedule
{
  GObject    parent_instance;

  GDate      today;
  GArray    *systems;      /* ZichaDengbaoSystem */
  GArray    *suggestions;  /* ZichaDengbaoSuggestion */
  GPtrArray *columns;      /* ids of the table's columns, for has_column */
};

G_DEFINE_FINAL_TYPE (ZichaDengbaoSchedule, zicha_dengbao_schedule, G_TYPE_OBJECT)

static void
system_clear (gpointer data)
{
  ZichaDengbaoSystem *system = data;

  g_free (system->row_id);
  g_free (system->name);
  g_free (system->level_label);
  g_free (system->owner);
}

static void
zicha_dengbao_schedule_finalize (GObject *object)
{
  ZichaDengbaoSchedule *self = ZICHA_DENGBAO_SCHEDULE (object);

  g_array_unref (self->systems);
  g_array_unref (self->suggestions);
  g_ptr_array_unref (self->columns);

  G_OBJECT_CLASS (zicha_dengbao_schedule_parent_class)->finalize (object);
}

static void
zicha_dengbao_schedule_class_init (ZichaDengbaoScheduleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_dengbao_schedule_finalize;
}

static void
zicha_dengbao_schedule_init (ZichaDengbaoSchedule *self)
{
  g_date_clear (&self->today, 1);
  self->systems = g_array_new (FALSE, TRUE, sizeof (ZichaDengbaoSystem));
  g_array_set_clear_func (self->systems, system_clear);
  self->suggestions = g_array_new (FALSE, TRUE, sizeof (ZichaDengbaoSuggestion));
  g_array_set_clear_func (self->suggestions, (GDestroyNotify) zicha_report_suggestion_clear);
  self->columns = g_ptr_array_new_with_free_func (g_free);
}

/* The rules ------------------------------------------------------------------ */

ZichaDengbaoLevel
zicha_dengbao_level_from_string (const char *value)
{
  static const struct
  {
    const char        *value;
    ZichaDengbaoLevel  level;
  } levels[] = {
    { "unrated", ZICHA_DENGBAO_LEVEL_UNRATED },
    { "l1", ZICHA_DENGBAO_LEVEL_1 },
    { "l2", ZICHA_DENGBAO_LEVEL_2 },
    { "l3", ZICHA_DENGBAO_LEVEL_3 },
    { "l4", ZICHA_DENGBAO_LEVEL_4 },
    { "l5", ZICHA_DENGBAO_LEVEL_5 },
  };

  if (value == NULL)
    return ZICHA_DENGBAO_LEVEL_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (value, levels[i].value))
      return levels[i].level;
  return ZICHA_DENGBAO_LEVEL_NONE;
}

guint
zicha_dengbao_interval_months (ZichaDengbaoLevel level,
                               ZichaDengbaoDuty  duty)
{
  /* 第十四条: the same intervals for 等级测评 and 自查. */
  if (duty != ZICHA_DENGBAO_ASSESSMENT && duty != ZICHA_DENGBAO_SELF_CHECK)
    return 0;

  switch (level)
    {
    case ZICHA_DENGBAO_LEVEL_3:
      return 12;
    case ZICHA_DENGBAO_LEVEL_4:
    case ZICHA_DENGBAO_LEVEL_5:  /* 特殊安全需求; at least as often as 第四级 */
      return 6;
    case ZICHA_DENGBAO_LEVEL_NONE:
    case ZICHA_DENGBAO_LEVEL_UNRATED:
    case ZICHA_DENGBAO_LEVEL_1:
    case ZICHA_DENGBAO_LEVEL_2:
    default:
      return 0;
    }
}

static gboolean
needs_filing (ZichaDengbaoLevel level)
{
  return level >= ZICHA_DENGBAO_LEVEL_2;
}

static gboolean
is_valid (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

void
zicha_dengbao_filing_due (const GDate *basis,
                          GDate       *due)
{
  g_return_if_fail (is_valid (basis));
  g_return_if_fail (due != NULL);

  *due = *basis;
  g_date_add_days (due, ZICHA_DENGBAO_FILING_DAYS);
}

void
zicha_dengbao_next_due (const GDate *last,
                        guint        months,
                        GDate       *due)
{
  g_return_if_fail (is_valid (last));
  g_return_if_fail (due != NULL);

  *due = *last;
  /* Clamps: 08-31 + 6 months is 02-28 or 02-29, never 03-02. */
  g_date_add_months (due, months);
}

/* DUE or OVERDUE from the deadline alone. */
static void
set_pending (ZichaDengbaoItem *item,
             const GDate      *today)
{
  item->days_left = g_date_days_between (today, &item->due);
  item->state = item->days_left < 0 ? ZICHA_DENGBAO_OVERDUE : ZICHA_DENGBAO_DUE;
}

/* A recurring duty done on item->last: DONE until the reminder window. */
static void
set_recurring (ZichaDengbaoItem *item,
               const GDate      *today)
{
  zicha_dengbao_next_due (&item->last, item->months, &item->due);
  set_pending (item, today);
  if (item->state == ZICHA_DENGBAO_DUE && item->days_left > ZICHA_DENGBAO_REMINDER_DAYS)
    item->state = ZICHA_DENGBAO_DONE;
}

/* 第十五条: the later of 定级 and 投入运行 (see the header). */
static gboolean
filing_basis (const ZichaDengbaoFacts *facts,
              GDate                   *basis)
{
  gboolean graded = is_valid (facts->graded);
  gboolean went_live = is_valid (facts->went_live);

  if (graded && went_live)
    *basis = g_date_compare (facts->graded, facts->went_live) >= 0 ? *facts->graded : *facts->went_live;
  else if (graded)
    *basis = *facts->graded;
  else if (went_live)
    *basis = *facts->went_live;
  else
    return FALSE;
  return TRUE;
}

static void
compute_filing (const ZichaDengbaoFacts *facts,
                const GDate             *today,
                ZichaDengbaoItem        *item)
{
  GDate basis;
  gboolean has_basis;

  if (!needs_filing (facts->level))
    return;

  has_basis = filing_basis (facts, &basis);
  if (has_basis)
    zicha_dengbao_filing_due (&basis, &item->due);

  if (is_valid (facts->filed))
    {
      item->state = ZICHA_DENGBAO_DONE;
      item->last = *facts->filed;
      item->late = has_basis && g_date_compare (facts->filed, &item->due) > 0;
    }
  else if (facts->has_filing_number)
    item->state = ZICHA_DENGBAO_DONE;  /* filed, date not given */
  else if (has_basis)
    set_pending (item, today);
  else
    item->state = ZICHA_DENGBAO_UNKNOWN;
}

static void
compute_assessment (const ZichaDengbaoFacts *facts,
                    const GDate             *today,
                    const ZichaDengbaoItem  *filing,
                    ZichaDengbaoItem        *item)
{
  item->months = zicha_dengbao_interval_months (facts->level, ZICHA_DENGBAO_ASSESSMENT);
  if (item->months == 0)
    return;

  if (is_valid (facts->last_assessment))
    {
      item->last = *facts->last_assessment;
      set_recurring (item, today);
      return;
    }

  /* The first one goes with the filing (第十六条). */
  item->first = TRUE;
  if (g_date_valid (&filing->due))
    item->due = filing->due;
  else if (g_date_valid (&filing->last))
    item->due = filing->last;
  else
    {
      item->state = ZICHA_DENGBAO_UNKNOWN;
      return;
    }
  set_pending (item, today);
}

static void
compute_self_check (const ZichaDengbaoFacts *facts,
                    const GDate             *today,
                    ZichaDengbaoItem        *item)
{
  item->months = zicha_dengbao_interval_months (facts->level, ZICHA_DENGBAO_SELF_CHECK);
  if (item->months == 0)
    return;

  if (!is_valid (facts->last_self_check))
    {
      item->state = ZICHA_DENGBAO_UNKNOWN;
      return;
    }
  item->last = *facts->last_self_check;
  set_recurring (item, today);
}

void
zicha_dengbao_compute (const ZichaDengbaoFacts *facts,
                       const GDate             *today,
                       ZichaDengbaoItem         items[ZICHA_DENGBAO_N_DUTIES])
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (is_valid (today));
  g_return_if_fail (items != NULL);

  for (guint i = 0; i < ZICHA_DENGBAO_N_DUTIES; i++)
    {
      items[i] = (ZichaDengbaoItem) { 0 };
      items[i].duty = i;
      items[i].state = ZICHA_DENGBAO_NOT_APPLICABLE;
      g_date_clear (&items[i].due, 1);
      g_date_clear (&items[i].last, 1);
    }

  compute_filing (facts, today, &items[ZICHA_DENGBAO_FILING]);
  compute_assessment (facts, today, &items[ZICHA_DENGBAO_FILING], &items[ZICHA_DENGBAO_ASSESSMENT]);
  compute_self_check (facts, today, &items[ZICHA_DENGBAO_SELF_CHECK]);
}

/* Labels ----------------------------------------------------------------------- */

const char *
zicha_dengbao_duty_get_label (ZichaDengbaoDuty duty)
{
  switch (duty)
    {
    case ZICHA_DENGBAO_FILING:
      /* TRANSLATORS: 等级保护 duty: 备案 with the public security organ */
      return _("Filing");
    case ZICHA_DENGBAO_ASSESSMENT:
      /* TRANSLATORS: 等级保护 duty: 等级测评 */
      return _("Level assessment");
    case ZICHA_DENGBAO_SELF_CHECK:
      /* TRANSLATORS: 等级保护 duty: 安全自查 */
      return _("Self-check");
    case ZICHA_DENGBAO_N_DUTIES:
    default:
      g_return_val_if_reached ("");
    }
}

char *
zicha_dengbao_item_dup_state_text (const ZichaDengbaoItem *item)
{
  int days;

  g_return_val_if_fail (item != NULL, NULL);

  switch (item->state)
    {
    case ZICHA_DENGBAO_NOT_APPLICABLE:
      return g_strdup (_("not applicable"));
    case ZICHA_DENGBAO_UNKNOWN:
      /* TRANSLATORS: a deadline that cannot be computed */
      return g_strdup (_("date missing"));
    case ZICHA_DENGBAO_DONE:
      return g_strdup (_("done"));
    case ZICHA_DENGBAO_DUE:
      if (item->days_left == 0)
        return g_strdup (_("due today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days", item->days_left),
                              item->days_left);
    case ZICHA_DENGBAO_OVERDUE:
      days = -item->days_left;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue %d day", "overdue %d days", days), days);
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
zicha_dengbao_state_to_string (ZichaDengbaoState state)
{
  static const char * const names[] = { "not_applicable", "unknown", "done", "due", "overdue" };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

const char *
zicha_dengbao_duty_to_string (ZichaDengbaoDuty duty)
{
  static const char * const names[] = { "filing", "assessment", "self_check" };

  g_return_val_if_fail (duty < G_N_ELEMENTS (names), NULL);
  return names[duty];
}

/* Reading the answers ----------------------------------------------------------- */

static const char *
get_string (ZichaAnswers  *answers,
            ZichaFormItem *item,
            const char    *row_id)
{
  JsonNode *value;

  if (item == NULL)
    return NULL;
  value = zicha_answers_get_value (answers, item, row_id);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

/* A date column; FALSE (and @date cleared) when unanswered or not a date. */
static gboolean
get_date (ZichaAnswers  *answers,
          ZichaFormItem *item,
          const char    *row_id,
          GDate         *date)
{
  const char *text = get_string (answers, item, row_id);

  g_date_clear (date, 1);
  return text != NULL && zicha_document_parse_date (text, date);
}

/* A date column of the table, but only when the form says it is a date. */
static ZichaFormItem *
lookup_date_column (ZichaFormItem *table,
                    const char    *id)
{
  ZichaFormItem *column = zicha_form_item_lookup_column (table, id);

  return column != NULL && zicha_form_item_get_item_type (column) == ZICHA_FORM_ITEM_DATE ? column : NULL;
}

static char *
dup_level_label (ZichaFormItem     *column,
                 const char        *value,
                 ZichaDengbaoLevel  level)
{
  static const char * const fallback[] = { "", "未定级", "第一级", "第二级", "第三级", "第四级", "第五级" };
  const ZichaFormOption *option = column != NULL && value != NULL ? zicha_form_item_lookup_option (column, value)
                                                                  : NULL;

  if (option != NULL)
    return g_strdup (zicha_localized_text_get_zh (option->label));
  return g_strdup (fallback[level]);
}

/* Suggestions ------------------------------------------------------------------- */

static char *
format_date (const GDate *date)
{
  return zicha_document_format_date (date, FALSE);
}

static const char *
interval_words (guint months)
{
  return months == 12 ? "每年" : "每半年";
}

static char *
filing_sentence (const ZichaDengbaoSystem *system,
                 const ZichaDengbaoFacts  *facts,
                 const ZichaDengbaoItem   *item,
                 const char               *name)
{
  g_autofree char *due = format_date (&item->due);
  GDate basis;

  if (filing_basis (facts, &basis))
    {
      g_autofree char *when = format_date (&basis);
      gboolean graded = is_valid (facts->graded) && g_date_compare (&basis, facts->graded) == 0;

      return g_strdup_printf ("%s（%s）于%s%s，应于%s前向公安机关办理备案手续，至今未备案，已逾期%d天",
                              name, system->level_label, when, graded ? "定级" : "投入运行", due,
                              -item->days_left);
    }
  return g_strdup_printf ("%s（%s）应于%s前向公安机关办理备案手续，至今未备案，已逾期%d天",
                          name, system->level_label, due, -item->days_left);
}

static char *
assessment_sentence (const ZichaDengbaoSystem *system,
                     const ZichaDengbaoItem   *item,
                     const char               *name)
{
  g_autofree char *due = format_date (&item->due);
  g_autofree char *last = NULL;

  if (item->first)
    return g_strdup_printf ("%s（%s）尚未开展等级测评，首次测评应于%s前完成，已逾期%d天",
                            name, system->level_label, due, -item->days_left);

  last = format_date (&item->last);
  return g_strdup_printf ("%s（%s）应%s至少开展一次等级测评，最近一次测评为%s，"
                          "应于%s前完成下一次测评，已逾期%d天",
                          name, system->level_label, interval_words (item->months), last, due,
                          -item->days_left);
}

static char *
self_check_sentence (const ZichaDengbaoSystem *system,
                     const ZichaDengbaoItem   *item,
                     const char               *name)
{
  g_autofree char *due = format_date (&item->due);
  g_autofree char *last = format_date (&item->last);

  return g_strdup_printf ("%s（%s）应%s至少开展一次安全自查，最近一次自查为%s，"
                          "应于%s前完成下一次自查，已逾期%d天",
                          name, system->level_label, interval_words (item->months), last, due,
                          -item->days_left);
}

static void
add_suggestion (ZichaDengbaoSchedule     *self,
                const ZichaDengbaoSystem *system,
                const ZichaDengbaoFacts  *facts,
                const ZichaDengbaoItem   *item,
                GHashTable               *problems_in_report)
{
  const char *name = *system->name != '\0' ? system->name : "未命名信息系统";
  ZichaDengbaoSuggestion suggestion = { 0 };
  GDate deadline = self->today;

  suggestion.source = ZICHA_REPORT_SUGGESTION_DENGBAO;
  suggestion.row_id = g_strdup (system->row_id);
  suggestion.duty = item->duty;
  suggestion.owner = g_strdup (system->owner);
  suggestion.status = ZICHA_REPORT_STATUS_PLANNED;

  switch (item->duty)
    {
    case ZICHA_DENGBAO_FILING:
      suggestion.sentence = filing_sentence (system, facts, item, name);
      suggestion.problem = g_strdup_printf ("%s未按期办理等级保护备案", name);
      suggestion.measure = g_strdup ("整理定级报告、系统拓扑结构及安全管理制度等备案材料，"
                                     "向所在地设区的市级以上公安机关办理备案手续，取得备案证明。");
      g_date_add_days (&deadline, SUGGEST_FILING_DAYS);
      break;
    case ZICHA_DENGBAO_ASSESSMENT:
      suggestion.sentence = assessment_sentence (system, item, name);
      suggestion.problem = g_strdup_printf ("%s未按期开展等级测评", name);
      suggestion.measure = g_strdup ("委托符合条件的等级测评机构开展等级测评，针对测评发现的问题制定整改方案并落实整改，"
                                     "测评报告报受理备案的公安机关。");
      g_date_add_months (&deadline, SUGGEST_ASSESSMENT_MONTHS);
      break;
    case ZICHA_DENGBAO_SELF_CHECK:
      suggestion.sentence = self_check_sentence (system, item, name);
      suggestion.problem = g_strdup_printf ("%s未按期开展安全自查", name);
      suggestion.measure = g_strdup ("对照等级保护要求组织开展安全自查，形成自查记录，对发现的问题及时整改。");
      g_date_add_months (&deadline, SUGGEST_SELF_CHECK_MONTHS);
      break;
    case ZICHA_DENGBAO_N_DUTIES:
    default:
      g_return_if_reached ();
    }

  zicha_report_suggestion_set_deadline (&suggestion, &deadline);
  suggestion.in_report = g_hash_table_contains (problems_in_report, suggestion.problem);
  g_array_append_val (self->suggestions, suggestion);
}

/* The schedule ------------------------------------------------------------------- */

ZichaDengbaoSchedule *
zicha_dengbao_schedule_new (ZichaAnswers *answers,
                            const GDate  *today)
{
  ZichaDengbaoSchedule *self;
  ZichaForm *form;
  ZichaFormItem *table;
  ZichaFormItem *name_column, *level_column, *number_column, *owner_column;
  ZichaFormItem *filed_column, *assessed_column, *graded_column, *live_column, *self_check_column;
  g_autoptr(GHashTable) problems_in_report = NULL;
  GDate report_self_check;
  guint n_rows;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  self = g_object_new (ZICHA_TYPE_DENGBAO_SCHEDULE, NULL);
  if (today != NULL)
    self->today = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
    }

  form = zicha_answers_get_form (answers);
  table = zicha_form_lookup_item (form, ZICHA_DENGBAO_TABLE_PATH, NULL);
  if (table == NULL || zicha_form_item_get_item_type (table) != ZICHA_FORM_ITEM_TABLE)
    return self;

  for (guint i = 0; i < zicha_form_item_get_n_columns (table); i++)
    g_ptr_array_add (self->columns, g_strdup (zicha_form_item_get_id (zicha_form_item_get_column (table, i))));

  name_column = zicha_form_item_lookup_column (table, ZICHA_DENGBAO_COLUMN_NAME);
  level_column = zicha_form_item_lookup_column (table, ZICHA_DENGBAO_COLUMN_LEVEL);
  number_column = zicha_form_item_lookup_column (table, ZICHA_DENGBAO_COLUMN_FILING_NUMBER);
  owner_column = zicha_form_item_lookup_column (table, ZICHA_DENGBAO_COLUMN_OWNER);
  filed_column = lookup_date_column (table, ZICHA_DENGBAO_COLUMN_FILING_DATE);
  assessed_column = lookup_date_column (table, ZICHA_DENGBAO_COLUMN_LAST_ASSESSMENT);
  graded_column = lookup_date_column (table, ZICHA_DENGBAO_COLUMN_GRADED);
  live_column = lookup_date_column (table, ZICHA_DENGBAO_COLUMN_WENT_LIVE);
  self_check_column = lookup_date_column (table, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK);

  /* The report's own self-check covers every system: it counts where a
   * system has no later date of its own. */
  g_date_clear (&report_self_check, 1);
  {
    ZichaFormItem *end = zicha_form_lookup_item (form, ZICHA_DENGBAO_SELF_CHECK_END_PATH, NULL);

    if (end != NULL && zicha_form_item_get_item_type (end) == ZICHA_FORM_ITEM_DATE)
      get_date (answers, end, NULL, &report_self_check);
  }

  problems_in_report = zicha_report_collect_problems (answers);

  n_rows = zicha_answers_get_n_rows (answers, table);
  for (guint i = 0; i < n_rows; i++)
    {
      const char *row_id = zicha_answers_get_row_id (answers, table, i);
      const char *level_value = get_string (answers, level_column, row_id);
      const char *filing_number = get_string (answers, number_column, row_id);
      ZichaDengbaoSystem system = { 0 };
      GDate graded, went_live, filed, assessed, self_checked;
      ZichaDengbaoFacts facts = { 0 };

      system.row_id = g_strdup (row_id);
      system.name = g_strdup (get_string (answers, name_column, row_id) ?: "");
      g_strstrip (system.name);
      system.owner = g_strdup (get_string (answers, owner_column, row_id) ?: "");
      g_strstrip (system.owner);
      system.level = zicha_dengbao_level_from_string (level_value);
      system.level_label = dup_level_label (level_column, level_value, system.level);

      get_date (answers, graded_column, row_id, &graded);
      get_date (answers, live_column, row_id, &went_live);
      get_date (answers, filed_column, row_id, &filed);
      get_date (answers, assessed_column, row_id, &assessed);
      get_date (answers, self_check_column, row_id, &self_checked);
      if (g_date_valid (&report_self_check) &&
          (!g_date_valid (&self_checked) || g_date_compare (&report_self_check, &self_checked) > 0))
        self_checked = report_self_check;

      facts.level = system.level;
      facts.graded = &graded;
      facts.went_live = &went_live;
      facts.filed = &filed;
      facts.has_filing_number = filing_number != NULL && *filing_number != '\0';
      facts.last_assessment = &assessed;
      facts.last_self_check = &self_checked;
      zicha_dengbao_compute (&facts, &self->today, system.items);

      g_array_append_val (self->systems, system);

      for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
        {
          const ZichaDengbaoSystem *added = &g_array_index (self->systems, ZichaDengbaoSystem, i);

          if (added->items[d].state == ZICHA_DENGBAO_OVERDUE)
            add_suggestion (self, added, &facts, &added->items[d], problems_in_report);
        }
    }

  return self;
}

void
zicha_dengbao_schedule_get_today (ZichaDengbaoSchedule *self,
                                  GDate                *today)
{
  g_return_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self));
  g_return_if_fail (today != NULL);

  *today = self->today;
}

gboolean
zicha_dengbao_schedule_has_column (ZichaDengbaoSchedule *self,
                                   const char           *column_id)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self), FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);

  return g_ptr_array_find_with_equal_func (self->columns, column_id, g_str_equal, NULL);
}

guint
zicha_dengbao_schedule_get_n_systems (ZichaDengbaoSchedule *self)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self), 0);

  return self->systems->len;
}

const ZichaDengbaoSystem *
zicha_dengbao_schedule_get_system (ZichaDengbaoSchedule *self,
                                   guint                 index)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self), NULL);
  g_return_val_if_fail (index < self->systems->len, NULL);

  return &g_array_index (self->systems, ZichaDengbaoSystem, index);
}

void
zicha_dengbao_schedule_get_summary (ZichaDengbaoSchedule *self,
                                    ZichaDengbaoSummary  *summary)
{
  g_return_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self));
  g_return_if_fail (summary != NULL);

  *summary = (ZichaDengbaoSummary) { 0 };
  g_date_clear (&summary->next_due, 1);
  summary->n_systems = self->systems->len;

  for (guint i = 0; i < self->systems->len; i++)
    {
      const ZichaDengbaoSystem *system = &g_array_index (self->systems, ZichaDengbaoSystem, i);

      for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
        {
          const ZichaDengbaoItem *item = &system->items[d];

          switch (item->state)
            {
            case ZICHA_DENGBAO_OVERDUE:
              summary->n_overdue++;
              break;
            case ZICHA_DENGBAO_UNKNOWN:
              summary->n_unknown++;
              break;
            case ZICHA_DENGBAO_DUE:
              if (item->days_left <= ZICHA_DENGBAO_REMINDER_DAYS)
                summary->n_due_soon++;
              if (!g_date_valid (&summary->next_due) || g_date_compare (&item->due, &summary->next_due) < 0)
                summary->next_due = item->due;
              break;
            case ZICHA_DENGBAO_DONE:
              /* The next round of a done duty is due too, just later. */
              if (item->months > 0 &&
                  (!g_date_valid (&summary->next_due) || g_date_compare (&item->due, &summary->next_due) < 0))
                summary->next_due = item->due;
              break;
            case ZICHA_DENGBAO_NOT_APPLICABLE:
            default:
              break;
            }
        }
    }
}

guint
zicha_dengbao_schedule_get_n_suggestions (ZichaDengbaoSchedule *self)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self), 0);

  return self->suggestions->len;
}

const ZichaDengbaoSuggestion *
zicha_dengbao_schedule_get_suggestion (ZichaDengbaoSchedule *self,
                                       guint                 index)
{
  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self), NULL);
  g_return_val_if_fail (index < self->suggestions->len, NULL);

  return &g_array_index (self->suggestions, ZichaDengbaoSuggestion, index);
}

char *
zicha_dengbao_schedule_dup_problems_text (ZichaDengbaoSchedule *self)
{
  g_autoptr(GPtrArray) suggestions = NULL;

  g_return_val_if_fail (ZICHA_IS_DENGBAO_SCHEDULE (self), NULL);

  suggestions = g_ptr_array_sized_new (self->suggestions->len);
  for (guint i = 0; i < self->suggestions->len; i++)
    g_ptr_array_add (suggestions, &g_array_index (self->suggestions, ZichaDengbaoSuggestion, i));
  return zicha_report_suggestions_dup_problems_text (suggestions);
}
