/* cli-report.c — zicha-cli list, new, copy, set, answers, attach, finalize
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports in the store, read and written through ZichaReportSession so the
 * CLI stores values exactly as the editor does.
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"
#include "cli-report.h"
#include "zicha-answers.h"
#include "zicha-code.h"
#include "zicha-report-session.h"
#include "zicha-validation.h"

/* finalize lists at most this many problems. */
#define MAX_PROBLEMS_SHOWN 50

/* Common parts ------------------------------------------------------------ */

gboolean
cli_parse_options_full (const char    *command,
                        const char    *parameter_string,
                        const char    *summary,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", command, parameter_string);

  /* “zicha-cli [OPTION…] set …”, not the subcommand's argv[0]. */
  g_set_prgname ("zicha-cli");
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cli_fail_usage ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
cli_collect_arguments (int    argc,
                       char **argv)
{
  GPtrArray *arguments = g_ptr_array_new ();
  gboolean after_dashes = FALSE;

  /* GOptionContext leaves “--” in place; it only ends option parsing. */
  for (int i = 1; i < argc; i++)
    {
      if (!after_dashes && g_str_equal (argv[i], "--"))
        {
          after_dashes = TRUE;
          continue;
        }
      g_ptr_array_add (arguments, argv[i]);
    }

  return arguments;
}

/* An open report: the store, the report, its form and a session on it. */
typedef struct
{
  ZichaStore         *store;
  ZichaReport        *report;
  ZichaForm          *form;
  ZichaReportSession *session;
} CliReport;

static void
cli_report_clear (CliReport *self)
{
  g_clear_object (&self->session);
  g_clear_object (&self->form);
  g_clear_object (&self->report);
  g_clear_object (&self->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliReport, cli_report_clear)

/* Prints why not (one line) and returns FALSE: exit with CLI_EXIT_USAGE. */
static gboolean
cli_report_open (CliReport  *self,
                 const char *uuid_or_prefix)
{
  self->store = cli_open_store ();
  if (self->store == NULL)
    return FALSE;

  self->report = cli_find_report (self->store, uuid_or_prefix);
  if (self->report == NULL)
    return FALSE;

  self->form = cli_load_form (zicha_report_get_form_id (self->report),
                              zicha_report_get_form_version (self->report));
  if (self->form == NULL)
    return FALSE;

  self->session = zicha_report_session_new (self->store, self->form, self->report);
  return TRUE;
}

/* A store error: a refused write (finalized report, file too large, …) is
 * a negative answer; anything else means the database could not be used. */
static int
fail_store_error (const GError *error)
{
  if (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY) ||
      g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID) ||
      g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_LARGE))
    return cli_fail_error (error, CLI_EXIT_NEGATIVE);

  return cli_fail_error (error, CLI_EXIT_USAGE);
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* list -------------------------------------------------------------------- */

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, name);
  if (time == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  text = g_date_time_format_iso8601 (time);
  json_builder_add_string_value (builder, text);
}

static void
add_string_member (JsonBuilder *builder,
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
print_reports_json (GPtrArray *reports)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < reports->len; i++)
    {
      ZichaReport *report = reports->pdata[i];
      ZichaReportState state = zicha_report_get_state (report);

      json_builder_begin_object (builder);
      add_string_member (builder, "uuid", zicha_report_get_uuid (report));
      add_string_member (builder, "form_id", zicha_report_get_form_id (report));
      add_string_member (builder, "form_version", zicha_report_get_form_version (report));
      add_string_member (builder, "unit_name", zicha_report_get_unit_name (report));
      add_string_member (builder, "unit_code", zicha_report_get_unit_code (report));
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, zicha_report_get_year (report));
      add_string_member (builder, "state", zicha_report_state_to_string (state));
      add_string_member (builder, "state_label", zicha_report_state_get_label (state));
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, zicha_report_get_revision (report));
      add_string_member (builder, "based_on", zicha_report_get_based_on_uuid (report));
      add_time_member (builder, "created", zicha_report_get_created (report));
      add_time_member (builder, "modified", zicha_report_get_modified (report));
      add_time_member (builder, "finalized", zicha_report_get_finalized (report));
      add_string_member (builder, "digest", zicha_report_get_digest (report));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_reports_table (GPtrArray *reports)
{
  enum { ID, YEAR, STATE, REVISION, UNIT, MODIFIED, N_COLUMNS };
  const char *headers[N_COLUMNS] = {
    _("ID"), _("Year"), _("State"), _("Rev."), _("Unit"), _("Last modified"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < reports->len; i++)
    {
      ZichaReport *report = reports->pdata[i];
      const char *unit = zicha_report_get_unit_name (report);
      char *row[N_COLUMNS];

      row[ID] = g_strndup (zicha_report_get_uuid (report), 8);
      row[YEAR] = g_strdup_printf ("%d", zicha_report_get_year (report));
      row[STATE] = g_strdup (zicha_report_state_get_label (zicha_report_get_state (report)));
      row[REVISION] = g_strdup_printf ("%d", zicha_report_get_revision (report));
      row[UNIT] = g_strdup (unit != NULL ? unit : "");
      row[MODIFIED] = format_local_time (zicha_report_get_modified (report));

      for (guint c = 0; c < N_COLUMNS; c++)
        g_ptr_array_add (cells, row[c]);
    }

  cli_print_table (headers, N_COLUMNS, cells);
}

int
cli_list_run (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the reports as a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options_full ("list", "", _("Lists the reports in the database, newest first."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 0)
    return cli_fail_usage ("%s", _("list: expected no arguments (usage: zicha-cli list [--json])"));

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  reports = zicha_store_list_reports (store, &error);
  if (reports == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  if (json)
    print_reports_json (reports);
  else if (reports->len == 0)
    {
      printf (_("There are no reports in %s. Create one with “zicha-cli new --unit NAME” or “zicha-cli demo”."),
              zicha_store_get_path (store));
      putchar ('\n');
    }
  else
    print_reports_table (reports);

  return CLI_EXIT_OK;
}

/* new --------------------------------------------------------------------- */

/* Sets a plain item by path when the form has it, as typed text. */
static gboolean
set_text_at (ZichaReportSession  *session,
             const char          *path,
             const char          *text,
             GError             **error)
{
  ZichaFormItem *item = zicha_form_lookup_item (zicha_report_session_get_form (session), path, NULL);

  if (item == NULL || text == NULL || *text == '\0')
    return TRUE;

  return zicha_report_session_set_text (session, item, NULL, text, FALSE, error);
}

static gboolean
check_year (int year)
{
  /* The same range the store accepts. */
  if (year >= 2000 && year <= 2100)
    return TRUE;

  cli_fail_usage (_("%d is not a campaign year (expected 2000 to 2100)"), year);
  return FALSE;
}

int
cli_new_run (int    argc,
             char **argv)
{
  g_autofree char *unit = NULL;
  g_autofree char *code = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit’s name (required)"), N_("NAME") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The unit’s unified social credit code"), N_("USCC") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The campaign year (default: the form’s)"), N_("YEAR") },
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaCodeCheck) check = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReportSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  const char *normalized_code = NULL;

  if (!cli_parse_options_full ("new", "", _("Creates a blank draft report and prints its ID."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 0)
    return cli_fail_usage ("%s", _("new: unexpected arguments (usage: zicha-cli new --unit NAME [--code USCC] [--year YEAR])"));

  if (unit != NULL)
    g_strstrip (unit);
  if (unit == NULL || *unit == '\0')
    return cli_fail_usage ("%s", _("new: --unit NAME is required"));
  if (year != 0 && !check_year (year))
    return CLI_EXIT_USAGE;

  if (code != NULL && *g_strstrip (code) != '\0')
    {
      check = zicha_code_check (ZICHA_CODE_USCC, code);
      if (check->status == ZICHA_CODE_INVALID)
        {
          fprintf (stderr, "zicha-cli: %s / %s\n", check->message_zh, check->message_en);
          return CLI_EXIT_NEGATIVE;
        }
      if (check->status == ZICHA_CODE_WARNING)
        {
          fprintf (stderr, _("Warning: %s / %s"), check->message_zh, check->message_en);
          fputc ('\n', stderr);
        }
      normalized_code = check->normalized;
    }

  form = cli_load_form (NULL, NULL);
  if (form == NULL)
    return CLI_EXIT_USAGE;
  if (year == 0)
    year = (int) zicha_form_get_campaign_year (form);

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  version = g_strdup_printf ("%u", zicha_form_get_version (form));
  report = zicha_store_create_report (store, zicha_form_get_id (form), version,
                                      unit, normalized_code, year, &error);
  if (report == NULL)
    return fail_store_error (error);

  /* The form asks for the unit again; fill in what is known. */
  session = zicha_report_session_new (store, form, report);
  if (!set_text_at (session, "basic.unit_name", unit, &error) ||
      !set_text_at (session, "header.unit_name", unit, &error) ||
      !set_text_at (session, "basic.uscc", normalized_code, &error))
    return fail_store_error (error);

  printf ("%s\n", zicha_report_get_uuid (report));
  return CLI_EXIT_OK;
}

/* copy -------------------------------------------------------------------- */

static void
count_review_cb (const char *field_path,
                 const char *row_uuid,
                 JsonNode   *value,
                 gboolean    needs_review,
                 gpointer    user_data)
{
  guint *count = user_data;

  if (needs_review)
    (*count)++;
}

int
cli_copy_run (int    argc,
              char **argv)
{
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The new report’s year (default: the next year)"), N_("YEAR") },
    { NULL }
  };
  g_auto(CliReport) source = { NULL };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaReport) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) review_keys = NULL;
  guint flagged = 0;

  if (!cli_parse_options_full ("copy", _("REPORT"),
                               _("Copies a report into a new draft (“copy from last year”) and prints the new "
                                 "report’s ID. Dates and counts are flagged for review."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 1)
    return cli_fail_usage ("%s", _("copy: expected one report (usage: zicha-cli copy REPORT [--year YEAR])"));

  if (year != 0 && !check_year (year))
    return CLI_EXIT_USAGE;

  if (!cli_report_open (&source, arguments->pdata[0]))
    return CLI_EXIT_USAGE;

  if (year == 0)
    year = zicha_report_get_year (source.report) + 1;

  review_keys = zicha_form_dup_review_keys (source.form);
  copy = zicha_store_copy_report (source.store, zicha_report_get_uuid (source.report), year,
                                  (const char * const *) review_keys, &error);
  if (copy == NULL)
    return fail_store_error (error);

  if (!zicha_store_foreach_answer (source.store, zicha_report_get_uuid (copy),
                                   count_review_cb, &flagged, &error))
    return fail_store_error (error);

  printf ("%s\n", zicha_report_get_uuid (copy));
  printf (g_dngettext (GETTEXT_PACKAGE,
                       "%u value (a date or count) is flagged for review.",
                       "%u values (dates and counts) are flagged for review.",
                       flagged),
          flagged);
  putchar ('\n');
  return CLI_EXIT_OK;
}

/* Field paths ------------------------------------------------------------- */

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;

  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[lb];
}

static const char *
closest_section (ZichaForm  *form,
                 const char *name)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      const char *id = zicha_form_section_get_id (zicha_form_get_section (form, i));
      guint distance = edit_distance (name, id);

      if (distance < best_distance)
        {
          best = id;
          best_distance = distance;
        }
    }

  return best;
}

static const char *
closest_item (ZichaFormSection *section,
              ZichaFormItem    *table,
              const char       *name)
{
  guint n = table != NULL ? zicha_form_item_get_n_columns (table) : zicha_form_section_get_n_items (section);
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      ZichaFormItem *item = table != NULL ? zicha_form_item_get_column (table, i)
                                          : zicha_form_section_get_item (section, i);
      const char *id = zicha_form_item_get_id (item);
      guint distance = edit_distance (name, id);

      if (distance < best_distance)
        {
          best = id;
          best_distance = distance;
        }
    }

  return best;
}

/* “section.item” of @path that the form lacks: say what is closest. */
static int
fail_unknown_field (ZichaForm  *form,
                    const char *field,
                    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", 2);
  ZichaFormSection *section = zicha_form_lookup_section (form, parts[0]);

  if (section == NULL)
    return cli_fail_usage (_("unknown field “%s”: there is no section “%s” (the closest is “%s”)"),
                           field, parts[0], closest_section (form, parts[0]));

  if (parts[1] == NULL || *parts[1] == '\0')
    return cli_fail_usage (_("unknown field “%s”: name an item of section “%s”, such as “%s.%s”"),
                           field, parts[0], parts[0],
                           zicha_form_item_get_id (zicha_form_section_get_item (section, 0)));

  return cli_fail_usage (_("unknown field “%s”: section “%s” has no item “%s” (the closest is “%s”)"),
                         field, parts[0], parts[1], closest_item (section, NULL, parts[1]));
}

/* What a FIELD argument names: an item, a cell, or (with allow_row) a row
 * of a table. */
typedef struct
{
  ZichaFormItem *item;      /* the item, the column, or the table of a row */
  char          *row_uuid;  /* NULL for a plain item, or when new_row */
  gboolean       new_row;   /* “[new]”: the caller adds the row */
} CliField;

static void
cli_field_clear (CliField *self)
{
  g_clear_pointer (&self->row_uuid, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliField, cli_field_clear)

static gboolean
resolve_row (CliReport     *report,
             ZichaFormItem *table,
             const char    *field,
             const char    *token,
             char         **row_uuid)
{
  g_auto(GStrv) rows = zicha_report_session_list_rows (report->session, table);
  const char *found = NULL;

  for (guint i = 0; rows[i] != NULL; i++)
    if (g_str_has_prefix (rows[i], token))
      {
        if (found != NULL)
          {
            cli_fail_usage (_("%s: “%s” matches more than one row of “%s”; give more of the row’s ID"),
                            field, token, zicha_form_item_get_path (table));
            return FALSE;
          }
        found = rows[i];
      }

  if (found == NULL)
    {
      if (rows[0] == NULL)
        cli_fail_usage (_("%s: the table “%s” has no rows yet; add one with [new]"),
                        field, zicha_form_item_get_path (table));
      else
        cli_fail_usage (_("%s: the table “%s” has no row “%s” (see “zicha-cli answers REPORT”)"),
                        field, zicha_form_item_get_path (table), token);
      return FALSE;
    }

  *row_uuid = g_strdup (found);
  return TRUE;
}

/* Prints why not and returns FALSE (exit CLI_EXIT_USAGE). */
static gboolean
resolve_field (CliReport  *report,
               const char *field,
               gboolean    allow_new,
               gboolean    allow_row,
               CliField   *out)
{
  const char *open = strchr (field, '[');
  const char *close;
  g_autofree char *table_path = NULL;
  g_autofree char *token = NULL;
  ZichaFormItem *table;
  const char *rest;

  if (open == NULL)
    {
      ZichaFormItem *item = zicha_form_lookup_item (report->form, field, NULL);

      if (item == NULL)
        {
          fail_unknown_field (report->form, field, field);
          return FALSE;
        }
      if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
        {
          cli_fail_usage (_("“%s” is a table: name a cell, as in “%s[ROW].%s” (ROW: the start of a row’s ID, or “new”)"),
                          field, field, zicha_form_item_get_id (zicha_form_item_get_column (item, 0)));
          return FALSE;
        }

      out->item = item;
      return TRUE;
    }

  table_path = g_strndup (field, open - field);
  close = strchr (open, ']');
  if (close == NULL)
    {
      cli_fail_usage (_("“%s” is not a field path: “[” without “]”"), field);
      return FALSE;
    }

  table = zicha_form_lookup_item (report->form, table_path, NULL);
  if (table == NULL)
    {
      fail_unknown_field (report->form, field, table_path);
      return FALSE;
    }
  if (zicha_form_item_get_item_type (table) != ZICHA_FORM_ITEM_TABLE)
    {
      cli_fail_usage (_("“%s” is not a table, so “%s” names no row"), table_path, field);
      return FALSE;
    }

  token = g_strndup (open + 1, close - open - 1);
  rest = close + 1;

  if (*rest == '\0' && allow_row)
    out->item = table;
  else if (*rest == '.' && zicha_form_item_lookup_column (table, rest + 1) != NULL)
    out->item = zicha_form_item_lookup_column (table, rest + 1);
  else if (*rest == '.')
    {
      cli_fail_usage (_("unknown field “%s”: table “%s” has no column “%s” (the closest is “%s”)"),
                      field, table_path, rest + 1, closest_item (NULL, table, rest + 1));
      return FALSE;
    }
  else
    {
      cli_fail_usage (_("“%s” is not a field path: expected “%s[ROW].COLUMN”"), field, table_path);
      return FALSE;
    }

  if (*token == '\0')
    {
      cli_fail_usage (_("%s: name the row between “[” and “]”: the start of its ID%s"),
                      field, allow_new ? _(", or “new”") : "");
      return FALSE;
    }

  if (allow_new && g_ascii_strcasecmp (token, "new") == 0)
    {
      out->new_row = TRUE;
      return TRUE;
    }

  return resolve_row (report, table, field, token, &out->row_uuid);
}

/* set --------------------------------------------------------------------- */

/* An option's value for what was typed: its value, or its label in either
 * language. NULL when nothing matches (the text is then kept as typed). */
static const char *
lookup_option_value (ZichaFormItem *item,
                     const char    *text)
{
  for (guint i = 0; i < zicha_form_item_get_n_options (item); i++)
    {
      const ZichaFormOption *option = zicha_form_item_get_option (item, i);

      if (g_str_equal (option->value, text) ||
          g_str_equal (zicha_localized_text_get_zh (option->label), text) ||
          g_ascii_strcasecmp (zicha_localized_text_get_en (option->label), text) == 0)
        return option->value;
    }

  return NULL;
}

static const char *
lookup_yes_no_value (const char *text)
{
  static const char * const yes[] = { "yes", "y", "true", "是", NULL };
  static const char * const no[] = { "no", "n", "false", "否", NULL };
  static const char * const na[] = { "na", "n/a", "不适用", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return "yes";
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return "no";
  for (guint i = 0; na[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, na[i]) == 0)
      return "na";

  return NULL;
}

/* multi_choice: “a,b” (also with “，”, “、” or “;”) becomes ["a","b"]. */
static JsonNode *
parse_multi_choice (ZichaFormItem *item,
                    const char    *text)
{
  g_autoptr(GRegex) separators = g_regex_new ("[,;，；、]", 0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (separators, text, 0);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      const char *value;

      if (*part == '\0')
        continue;
      value = lookup_option_value (item, part);
      json_array_add_string_element (array, value != NULL ? value : part);
    }

  json_node_take_array (node, array);
  return node;
}

static gboolean
save_field (CliReport      *report,
            ZichaFormItem  *item,
            const char     *row_uuid,
            const char     *text,
            GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(JsonNode) value = NULL;
  const char *mapped = NULL;

  switch (zicha_form_item_get_item_type (item))
    {
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      if (*trimmed == '\0')
        break;
      value = parse_multi_choice (item, trimmed);
      return zicha_report_session_set_value (report->session, item, row_uuid, value, FALSE, error);

    case ZICHA_FORM_ITEM_CHOICE:
      mapped = lookup_option_value (item, trimmed);
      break;

    case ZICHA_FORM_ITEM_YES_NO:
      mapped = lookup_yes_no_value (trimmed);
      break;

    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
    case ZICHA_FORM_ITEM_INTEGER:
    case ZICHA_FORM_ITEM_DECIMAL:
    case ZICHA_FORM_ITEM_DATE:
    case ZICHA_FORM_ITEM_CODE:
    case ZICHA_FORM_ITEM_TABLE:
    default:
      break;
    }

  return zicha_report_session_set_text (report->session, item, row_uuid,
                                        mapped != NULL ? mapped : text, FALSE, error);
}

/* After a save: what validation now says about that field, as warnings.
 * The value is stored whatever they say. */
static void
warn_about_field (CliReport     *report,
                  ZichaFormItem *item,
                  const char    *row_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaValidation) validation = NULL;
  g_autofree char *path = zicha_form_item_dup_cell_path (item, row_uuid);

  validation = zicha_report_session_validate (report->session, NULL, &error);
  if (validation == NULL)
    {
      fprintf (stderr, _("zicha-cli: warning: the value is saved, but the report could not be validated: %s"),
               error->message);
      fputc ('\n', stderr);
      return;
    }

  for (guint i = 0; i < zicha_validation_get_n_problems (validation); i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      if (!g_str_equal (problem->path, path))
        continue;
      fprintf (stderr, _("zicha-cli: warning: %s: %s"), path, zicha_problem_get_message (problem));
      fputc ('\n', stderr);
    }
}

int
cli_set_run (int    argc,
             char **argv)
{
  g_auto(CliReport) report = { NULL };
  g_auto(CliField) field = { NULL };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_row = NULL;
  const char *value;

  if (!cli_parse_options_full ("set", _("REPORT FIELD VALUE"),
                               _("Saves one answer. FIELD is “section.item” or “section.table[ROW].column”, where "
                                 "ROW is the start of a row’s ID or “new” (which adds a row and prints its ID). "
                                 "An empty VALUE clears the answer. Choices take a value or its label, several "
                                 "of them separated by commas. Problems with the new value are shown as "
                                 "warnings; the value is saved anyway. Put “--” before a VALUE that starts with “-”."),
                               NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 3)
    return cli_fail_usage ("%s", _("set: expected three arguments (usage: zicha-cli set REPORT FIELD VALUE)"));

  value = arguments->pdata[2];
  if (!g_utf8_validate (value, -1, NULL))
    return cli_fail_usage ("%s", _("set: the value is not valid UTF-8 text"));

  if (!cli_report_open (&report, arguments->pdata[0]))
    return CLI_EXIT_USAGE;

  if (!resolve_field (&report, arguments->pdata[1], TRUE, FALSE, &field))
    return CLI_EXIT_USAGE;

  if (field.new_row)
    {
      new_row = zicha_report_session_add_row (report.session, zicha_form_item_get_table (field.item), &error);
      if (new_row == NULL)
        return fail_store_error (error);
      field.row_uuid = g_strdup (new_row);
    }

  if (!save_field (&report, field.item, field.row_uuid, value, &error))
    return fail_store_error (error);

  if (new_row != NULL)
    printf ("%s\n", new_row);

  warn_about_field (&report, field.item, field.row_uuid);
  return CLI_EXIT_OK;
}

/* answers ----------------------------------------------------------------- */

static const char *
localized (const ZichaLocalizedText *text)
{
  return text != NULL ? zicha_localized_text_get_for_locale (text) : "";
}

static char *
format_number (ZichaFormItem *item,
               const char    *number)
{
  const ZichaLocalizedText *unit = zicha_form_item_get_unit (item);

  if (unit == NULL)
    return g_strdup (number);

  return g_strdup_printf ("%s %s", number, localized (unit));
}

static char *
format_option (ZichaFormItem *item,
               const char    *value)
{
  const ZichaFormOption *option;

  if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_YES_NO)
    {
      if (g_str_equal (value, "yes"))
        return g_strdup (_("Yes"));
      if (g_str_equal (value, "no"))
        return g_strdup (_("No"));
      if (g_str_equal (value, "na"))
        return g_strdup (_("Not applicable"));
      return g_strdup (value);
    }

  option = zicha_form_item_lookup_option (item, value);
  return g_strdup (option != NULL ? localized (option->label) : value);
}

/* A stored value as a person reads it. */
static char *
format_value (ZichaFormItem *item,
              JsonNode      *value)
{
  ZichaFormItemType type = zicha_form_item_get_item_type (item);

  if (JSON_NODE_HOLDS_VALUE (value))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *number = NULL;

      switch (json_node_get_value_type (value))
        {
        case G_TYPE_STRING:
          if (type == ZICHA_FORM_ITEM_CHOICE || type == ZICHA_FORM_ITEM_YES_NO)
            return format_option (item, json_node_get_string (value));
          return g_strdup (json_node_get_string (value));

        case G_TYPE_INT64:
          number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          return format_number (item, number);

        case G_TYPE_DOUBLE:
          return format_number (item, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (value)));

        default:
          break;
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (value) && type == ZICHA_FORM_ITEM_MULTI_CHOICE)
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *label = NULL;

          /* Translators: between the chosen options of a multiple choice */
          if (i > 0)
            g_string_append (text, _(", "));
          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            label = format_option (item, json_node_get_string (element));
          else
            label = json_to_string (element, FALSE);
          g_string_append (text, label);
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Not what the item wants: show it as it is stored. */
  return json_to_string (value, FALSE);
}

static char *
item_label (ZichaFormItem *item)
{
  const char *label = localized (zicha_form_item_get_label (item));
  const char *group_id = zicha_form_item_get_group (item);
  const ZichaFormGroup *group = NULL;

  if (group_id != NULL)
    group = zicha_form_section_lookup_group (zicha_form_item_get_section (item), group_id);

  /* “姓名” means nothing without “主要负责人” before it. */
  if (group != NULL)
    return g_strdup_printf ("%s / %s", localized (group->label), label);

  return g_strdup (label);
}

/* “label: value”, continuation lines of a narrative indented. */
static void
print_field (const char *indent,
             const char *label,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  printf ("%s", indent);
  /* Translators: a field's label and its value, in “zicha-cli answers” */
  printf (_("%s: %s"), label, lines[0] != NULL ? lines[0] : "");
  putchar ('\n');
  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    printf ("%s    %s\n", indent, lines[i]);
}

static void
print_table (ZichaAnswers  *answers,
             ZichaFormItem *table)
{
  guint n_rows = zicha_answers_get_n_rows (answers, table);
  ZichaFormItem *title_column = zicha_form_item_get_row_title (table);
  g_autofree char *label = item_label (table);

  printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u row", "%s: %u rows", n_rows), label, n_rows);
  putchar ('\n');

  for (guint r = 0; r < n_rows; r++)
    {
      const char *row = zicha_answers_get_row_id (answers, table, r);
      JsonNode *title = title_column != NULL ? zicha_answers_get_value (answers, title_column, row) : NULL;
      g_autofree char *title_text = title != NULL ? format_value (title_column, title) : NULL;

      printf ("  [%.8s] %u%s%s\n", row, r + 1, title_text != NULL ? " " : "",
              title_text != NULL ? title_text : "");

      for (guint c = 0; c < zicha_form_item_get_n_columns (table); c++)
        {
          ZichaFormItem *column = zicha_form_item_get_column (table, c);
          JsonNode *value = zicha_answers_get_value (answers, column, row);
          g_autofree char *text = NULL;

          /* The row title is already on the row's line. */
          if (value == NULL || column == title_column)
            continue;
          text = format_value (column, value);
          print_field ("    ", localized (zicha_form_item_get_label (column)), text);
        }
    }
}

static void
print_answers (ZichaAnswers *answers)
{
  ZichaForm *form = zicha_answers_get_form (answers);
  gboolean any = FALSE;

  for (guint s = 0; s < zicha_form_get_n_sections (form); s++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, s);
      gboolean header_printed = FALSE;

      for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, i);
          gboolean is_table = zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE;
          JsonNode *value = is_table ? NULL : zicha_answers_get_value (answers, item, NULL);

          if (is_table ? zicha_answers_get_n_rows (answers, item) == 0 : value == NULL)
            continue;

          if (!header_printed)
            {
              printf ("%s== %s ==\n", any ? "\n" : "", localized (zicha_form_section_get_title (section)));
              header_printed = TRUE;
              any = TRUE;
            }

          if (is_table)
            print_table (answers, item);
          else
            {
              g_autofree char *label = item_label (item);
              g_autofree char *text = format_value (item, value);

              print_field ("", label, text);
            }
        }
    }

  if (!any)
    printf ("%s\n", _("The report has no answers yet."));
}

int
cli_answers_run (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the canonical answers JSON (docs/answers-format.md)"), NULL },
    { NULL }
  };
  g_auto(CliReport) report = { NULL };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options_full ("answers", _("REPORT"), _("Prints a report’s answers, section by section."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 1)
    return cli_fail_usage ("%s", _("answers: expected one report (usage: zicha-cli answers REPORT [--json])"));

  if (!cli_report_open (&report, arguments->pdata[0]))
    return CLI_EXIT_USAGE;

  answers = zicha_report_session_load_answers (report.session, &error);
  if (answers == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  if (json)
    {
      g_autofree char *text = zicha_answers_to_string (answers);

      printf ("%s\n", text);
    }
  else
    print_answers (answers);

  return CLI_EXIT_OK;
}

/* attach ------------------------------------------------------------------ */

int
cli_attach_run (int    argc,
                char **argv)
{
  g_auto(CliReport) report = { NULL };
  g_auto(CliField) field = { NULL };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  const char *path;

  if (!cli_parse_options_full ("attach", _("REPORT FIELD FILE"),
                               _("Stores an evidence file with the report, linked to FIELD: “section.item”, "
                                 "“section.table[ROW].column” or a whole row, “section.table[ROW]”. Prints the "
                                 "attachment’s ID, size and SHA-256."),
                               NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 3)
    return cli_fail_usage ("%s", _("attach: expected three arguments (usage: zicha-cli attach REPORT FIELD FILE)"));

  path = arguments->pdata[2];
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return cli_fail_usage (_("attach: “%s” is not a readable file"), path);

  if (!cli_report_open (&report, arguments->pdata[0]))
    return CLI_EXIT_USAGE;

  if (!resolve_field (&report, arguments->pdata[1], FALSE, TRUE, &field))
    return CLI_EXIT_USAGE;

  file = g_file_new_for_commandline_arg (path);
  uuid = zicha_report_session_attach_file (report.session, field.item, field.row_uuid, file, &error);
  if (uuid == NULL)
    {
      if (error->domain != ZICHA_STORE_ERROR)
        return cli_fail_error (error, CLI_EXIT_USAGE);
      return fail_store_error (error);
    }

  attachments = zicha_store_list_attachments (report.store, zicha_report_get_uuid (report.report), &error);
  if (attachments == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  printf ("%s\n", uuid);
  for (guint i = 0; i < attachments->len; i++)
    {
      ZichaAttachment *attachment = attachments->pdata[i];

      if (!g_str_equal (attachment->uuid, uuid))
        continue;
      {
        g_autofree char *bytes = g_strdup_printf ("%" G_GINT64_FORMAT, attachment->size);

        printf (_("Size: %s bytes"), bytes);
        putchar ('\n');
      }
      printf (_("SHA-256: %s"), attachment->sha256);
      putchar ('\n');
    }

  return CLI_EXIT_OK;
}

/* finalize ---------------------------------------------------------------- */

static void
print_errors (ZichaValidation *validation)
{
  guint shown = 0;
  guint errors = zicha_validation_get_n_errors (validation);

  for (guint i = 0; i < zicha_validation_get_n_problems (validation) && shown < MAX_PROBLEMS_SHOWN; i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      if (problem->severity != ZICHA_SEVERITY_ERROR)
        continue;
      fprintf (stderr, "  %s: %s\n", problem->path, zicha_problem_get_message (problem));
      shown++;
    }

  if (errors > shown)
    {
      fprintf (stderr, "  ");
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", errors - shown),
               errors - shown);
      fputc ('\n', stderr);
    }
}

int
cli_finalize_run (int    argc,
                  char **argv)
{
  g_auto(CliReport) report = { NULL };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(GError) error = NULL;
  ZichaReport *finalized;

  if (!cli_parse_options_full ("finalize", _("REPORT"),
                               _("Finalizes a report: when validation finds no errors, the report becomes "
                                 "read-only and its digest is printed."),
                               NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 1)
    return cli_fail_usage ("%s", _("finalize: expected one report (usage: zicha-cli finalize REPORT)"));

  if (!cli_report_open (&report, arguments->pdata[0]))
    return CLI_EXIT_USAGE;

  if (!zicha_report_is_editable (report.report))
    {
      fprintf (stderr, _("zicha-cli: the report %s is no longer a draft (state: %s, digest: %s)"),
               zicha_report_get_uuid (report.report),
               zicha_report_state_get_label (zicha_report_get_state (report.report)),
               zicha_report_get_digest (report.report) != NULL ? zicha_report_get_digest (report.report) : "—");
      fputc ('\n', stderr);
      return CLI_EXIT_NEGATIVE;
    }

  if (!zicha_report_session_finalize (report.session, NULL, &error))
    {
      int status = fail_store_error (error);

      if (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID))
        {
          g_autoptr(GError) validate_error = NULL;
          g_autoptr(ZichaValidation) validation = zicha_report_session_validate (report.session, NULL,
                                                                                  &validate_error);

          if (validation != NULL)
            print_errors (validation);
        }

      return status;
    }

  finalized = zicha_report_session_get_report (report.session);
  printf ("%s\n", zicha_report_get_digest (finalized));
  return CLI_EXIT_OK;
}
