/* cli-dengbao.c — zicha-cli dengbao REPORT [--today YYYY-MM-DD] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"
#include "cli-dengbao.h"
#include "zicha-dengbao-schedule.h"
#include "zicha-document-format.h"
#include "zicha-report-session.h"

enum
{
  COLUMN_NAME,
  COLUMN_LEVEL,
  COLUMN_FILING,
  COLUMN_ASSESSMENT,
  COLUMN_SELF_CHECK,
  N_COLUMNS,
};

static char *
format_iso (const GDate *date)
{
  char buffer[16];

  if (!g_date_valid (date))
    return NULL;
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

static const char *
level_code (ZichaDengbaoLevel level)
{
  static const char * const codes[] = { NULL, "unrated", "l1", "l2", "l3", "l4", "l5" };

  return level < G_N_ELEMENTS (codes) ? codes[level] : NULL;
}

/* "2019-11-20 overdue 42 days", or the state alone without a date. */
static char *
format_item (const ZichaDengbaoItem *item)
{
  g_autofree char *state = zicha_dengbao_item_dup_state_text (item);
  g_autofree char *due = format_iso (&item->due);

  if (due == NULL || item->state == ZICHA_DENGBAO_NOT_APPLICABLE || item->state == ZICHA_DENGBAO_UNKNOWN)
    return g_steal_pointer (&state);
  /* TRANSLATORS: a deadline and its state: "2019-11-20 (overdue 42 days)" */
  return g_strdup_printf (_("%s (%s)"), due, state);
}

static void
print_table (ZichaDengbaoSchedule *schedule)
{
  const char *headers[N_COLUMNS] = {
    _("System"), _("Level"),
    zicha_dengbao_duty_get_label (ZICHA_DENGBAO_FILING),
    zicha_dengbao_duty_get_label (ZICHA_DENGBAO_ASSESSMENT),
    zicha_dengbao_duty_get_label (ZICHA_DENGBAO_SELF_CHECK),
  };
  guint n = zicha_dengbao_schedule_get_n_systems (schedule);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (schedule, i);
      char *row[N_COLUMNS];

      row[COLUMN_NAME] = g_strdup (*system->name != '\0' ? system->name : "—");
      row[COLUMN_LEVEL] = g_strdup (*system->level_label != '\0' ? system->level_label : "—");
      row[COLUMN_FILING] = format_item (&system->items[ZICHA_DENGBAO_FILING]);
      row[COLUMN_ASSESSMENT] = format_item (&system->items[ZICHA_DENGBAO_ASSESSMENT]);
      row[COLUMN_SELF_CHECK] = format_item (&system->items[ZICHA_DENGBAO_SELF_CHECK]);
      for (guint c = 0; c < N_COLUMNS; c++)
        g_ptr_array_add (cells, row[c]);
    }

  cli_print_table (headers, N_COLUMNS, cells);
}

static void
print_summary (ZichaDengbaoSchedule *schedule)
{
  ZichaDengbaoSummary summary;
  g_autofree char *next = NULL;

  zicha_dengbao_schedule_get_summary (schedule, &summary);
  next = format_iso (&summary.next_due);

  putchar ('\n');
  printf (g_dngettext (GETTEXT_PACKAGE, "%u system: ", "%u systems: ", summary.n_systems), summary.n_systems);
  printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue, ", "%u overdue, ", summary.n_overdue), summary.n_overdue);
  printf (g_dngettext (GETTEXT_PACKAGE, "%u due within %d days, ", "%u due within %d days, ", summary.n_due_soon),
          summary.n_due_soon, ZICHA_DENGBAO_REMINDER_DAYS);
  printf (g_dngettext (GETTEXT_PACKAGE, "%u without the dates it needs", "%u without the dates they need",
                       summary.n_unknown),
          summary.n_unknown);
  putchar ('\n');
  if (next != NULL)
    /* TRANSLATORS: the earliest coming 等级保护 deadline */
    printf (_("Next deadline: %s\n"), next);
}

/* The measures table's column label, in the user's language. */
static const char *
column_label (ZichaFormItem *measures,
              const char    *column_id,
              const char    *fallback)
{
  ZichaFormItem *column = measures != NULL ? zicha_form_item_lookup_column (measures, column_id) : NULL;

  return column != NULL ? zicha_localized_text_get_for_locale (zicha_form_item_get_label (column)) : fallback;
}

static const char *
status_label (ZichaFormItem *measures,
              const char    *value)
{
  ZichaFormItem *column = measures != NULL ? zicha_form_item_lookup_column (measures, "status") : NULL;
  const ZichaFormOption *option = column != NULL ? zicha_form_item_lookup_option (column, value) : NULL;

  return option != NULL ? zicha_localized_text_get_for_locale (option->label) : value;
}

static void
print_suggestions (ZichaDengbaoSchedule *schedule,
                   ZichaForm            *form)
{
  ZichaFormItem *measures = zicha_form_lookup_item (form, ZICHA_DENGBAO_MEASURES_PATH, NULL);
  guint n = zicha_dengbao_schedule_get_n_suggestions (schedule);

  if (n == 0)
    return;

  putchar ('\n');
  puts (_("Suggestions for “main problems” and “rectification measures” (not yet written to the report):"));
  for (guint i = 0; i < n; i++)
    {
      const ZichaDengbaoSuggestion *suggestion = zicha_dengbao_schedule_get_suggestion (schedule, i);

      printf ("%u. %s。", i + 1, suggestion->sentence);
      if (suggestion->in_report)
        printf (" %s", _("(already in the rectification measures)"));
      putchar ('\n');
      printf ("   %s: %s\n", column_label (measures, "problem", "problem"), suggestion->problem);
      printf ("   %s: %s\n", column_label (measures, "measure", "measure"), suggestion->measure);
      printf ("   %s: %s\n", column_label (measures, "owner", "owner"),
              *suggestion->owner != '\0' ? suggestion->owner : "—");
      printf ("   %s: %s\n", column_label (measures, "deadline", "deadline"), suggestion->deadline_iso);
      printf ("   %s: %s\n", column_label (measures, "status", "status"), status_label (measures, suggestion->status));
    }
}

/* JSON ------------------------------------------------------------------------- */

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = format_iso (date);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_item (JsonBuilder            *builder,
          const ZichaDengbaoItem *item)
{
  gboolean dated = item->state == ZICHA_DENGBAO_DUE || item->state == ZICHA_DENGBAO_OVERDUE ||
                   (item->state == ZICHA_DENGBAO_DONE && g_date_valid (&item->due));

  json_builder_set_member_name (builder, zicha_dengbao_duty_to_string (item->duty));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, zicha_dengbao_state_to_string (item->state));
  add_date (builder, "due", &item->due);
  add_date (builder, "last", &item->last);
  json_builder_set_member_name (builder, "days_left");
  if (dated)
    json_builder_add_int_value (builder, item->days_left);
  else
    json_builder_add_null_value (builder);
  if (item->months > 0)
    {
      json_builder_set_member_name (builder, "months");
      json_builder_add_int_value (builder, item->months);
    }
  if (item->duty == ZICHA_DENGBAO_ASSESSMENT)
    {
      json_builder_set_member_name (builder, "first");
      json_builder_add_boolean_value (builder, item->first);
    }
  if (item->duty == ZICHA_DENGBAO_FILING)
    {
      json_builder_set_member_name (builder, "late");
      json_builder_add_boolean_value (builder, item->late);
    }
  json_builder_end_object (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (ZichaDengbaoSchedule *schedule)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  ZichaDengbaoSummary summary;
  GDate today;

  zicha_dengbao_schedule_get_today (schedule, &today);
  zicha_dengbao_schedule_get_summary (schedule, &summary);

  json_builder_begin_object (builder);
  add_date (builder, "today", &today);

  json_builder_set_member_name (builder, "systems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < zicha_dengbao_schedule_get_n_systems (schedule); i++)
    {
      const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (schedule, i);

      json_builder_begin_object (builder);
      add_string (builder, "row_id", system->row_id);
      add_string (builder, "name", system->name);
      add_string (builder, "level", level_code (system->level));
      add_string (builder, "level_label", system->level_label);
      add_string (builder, "owner", system->owner);
      for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
        add_item (builder, &system->items[d]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "systems");
  json_builder_add_int_value (builder, summary.n_systems);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_int_value (builder, summary.n_overdue);
  json_builder_set_member_name (builder, "due_soon");
  json_builder_add_int_value (builder, summary.n_due_soon);
  json_builder_set_member_name (builder, "due_soon_days");
  json_builder_add_int_value (builder, ZICHA_DENGBAO_REMINDER_DAYS);
  json_builder_set_member_name (builder, "unknown");
  json_builder_add_int_value (builder, summary.n_unknown);
  add_date (builder, "next_due", &summary.next_due);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < zicha_dengbao_schedule_get_n_suggestions (schedule); i++)
    {
      const ZichaDengbaoSuggestion *suggestion = zicha_dengbao_schedule_get_suggestion (schedule, i);

      json_builder_begin_object (builder);
      add_string (builder, "row_id", suggestion->row_id);
      add_string (builder, "duty", zicha_dengbao_duty_to_string (suggestion->duty));
      add_string (builder, "sentence", suggestion->sentence);
      json_builder_set_member_name (builder, "in_report");
      json_builder_add_boolean_value (builder, suggestion->in_report);
      /* The 整改措施 row, keyed by the measures table's columns. */
      json_builder_set_member_name (builder, "measure_row");
      json_builder_begin_object (builder);
      add_string (builder, "problem", suggestion->problem);
      add_string (builder, "measure", suggestion->measure);
      add_string (builder, "owner", suggestion->owner);
      add_string (builder, "deadline", suggestion->deadline_iso);
      add_string (builder, "status", suggestion->status);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  puts (text);
}

int
cli_dengbao_run (int    argc,
                 char **argv)
{
  g_autofree char *today_text = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Count from DATE instead of today"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the schedule as a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaDengbaoSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  ZichaDengbaoSummary summary;
  GDate today;
  int first = 1;

  if (!cli_parse_options ("dengbao", _("REPORT [--today YYYY-MM-DD] [--json]"), entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc > 1 && g_str_equal (argv[1], "--"))
    first = 2;
  if (argc - first != 1)
    return cli_fail_usage ("%s", _("dengbao: expected one REPORT (usage: zicha-cli dengbao REPORT [--today YYYY-MM-DD] [--json])"));
  if (today_text != NULL && !zicha_document_parse_date (today_text, &today))
    return cli_fail_usage (_("dengbao: “%s” is not a date (YYYY-MM-DD)"), today_text);

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;
  report = cli_find_report (store, argv[first]);
  if (report == NULL)
    return CLI_EXIT_USAGE;
  form = cli_load_form (zicha_report_get_form_id (report), zicha_report_get_form_version (report));
  if (form == NULL)
    return CLI_EXIT_USAGE;
  answers = zicha_store_load_answers (store, form, zicha_report_get_uuid (report), &error);
  if (answers == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  schedule = zicha_dengbao_schedule_new (answers, today_text != NULL ? &today : NULL);

  if (json)
    print_json (schedule);
  else
    {
      g_autofree char *day = NULL;

      zicha_dengbao_schedule_get_today (schedule, &today);
      day = format_iso (&today);
      /* TRANSLATORS: the day the 等级保护 deadlines are counted from */
      printf (_("As of %s\n\n"), day);
      if (zicha_dengbao_schedule_get_n_systems (schedule) == 0)
        puts (_("The report lists no information systems."));
      else
        {
          print_table (schedule);
          print_summary (schedule);
          print_suggestions (schedule, form);
        }
    }

  zicha_dengbao_schedule_get_summary (schedule, &summary);
  return summary.n_overdue > 0 ? CLI_EXIT_NEGATIVE : CLI_EXIT_OK;
}
