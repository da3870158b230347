/* cli-validate.c — zicha-cli validate ANSWERS.json [--form FILE] [--date YYYY-MM-DD]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-cli"

#include <stdarg.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-validate.h"
#include "zicha-validation.h"

/* Like cli_fail_usage(), but error messages quote files and JSON: keep
 * them on one line. */
static int fail_one_line (const char *format,
                          ...) G_GNUC_PRINTF (1, 2);

static int
fail_one_line (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\r\n", ' ');
  return cli_fail_usage ("%s", message);
}

static ZichaForm *
load_form (const char *path,
           int        *status)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GError) error = NULL;
  ZichaForm *form;

  *status = CLI_EXIT_USAGE;

  if (path == NULL)
    {
      default_path = zicha_form_default_path ();
      if (default_path == NULL)
        {
          cli_fail_usage ("%s", _("validate: no form definition found; set ZICHA_DATADIR or use --form FILE"));
          return NULL;
        }
      path = default_path;
    }

  form = zicha_form_new_from_file (path, &error);
  if (form == NULL)
    {
      /* Loader messages name the file; file errors do too. */
      if (error->domain == ZICHA_FORM_ERROR)
        fail_one_line (_("validate: bad form definition: %s"), error->message);
      else
        fail_one_line (_("validate: cannot read the form definition: %s"), error->message);
      return NULL;
    }

  return form;
}

static const char *
severity_label (ZichaSeverity severity)
{
  switch (severity)
    {
    case ZICHA_SEVERITY_WARNING:
      /* TRANSLATORS: first word of a problem line of "zicha-cli validate" */
      return _("warning");
    case ZICHA_SEVERITY_ERROR:
    default:
      /* TRANSLATORS: first word of a problem line of "zicha-cli validate" */
      return _("error");
    }
}

static void
print_problems (ZichaValidation *validation)
{
  guint n_errors = zicha_validation_get_n_errors (validation);
  guint n_warnings = zicha_validation_get_n_warnings (validation);
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  for (guint i = 0; i < zicha_validation_get_n_problems (validation); i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      printf ("%s %s: %s / %s\n", severity_label (problem->severity), problem->path,
              problem->message_zh, problem->message_en);
    }

  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  /* TRANSLATORS: the summary line of "zicha-cli validate": "2 errors, 1 warning" */
  printf (_("%s, %s"), errors, warnings);
  putchar ('\n');
}

int
cli_validate_run (int    argc,
                  char **argv)
{
  g_autofree char *form_path = NULL;
  g_autofree char *date_text = NULL;
  g_autoptr(GPtrArray) arguments = g_ptr_array_new ();
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaValidation) validation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean after_dashes = FALSE;
  const char *answers_path;
  GDate today;
  int status;
  GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_FILENAME, &form_path,
      N_("Validate against this form definition instead of the default form"), N_("FILE") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("Count “within N months” from this day when the report has no date (default: today)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!cli_parse_options ("validate", _("ANSWERS.json"), entries, &argc, &argv))
    return CLI_EXIT_USAGE;

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

  if (arguments->len != 1)
    return cli_fail_usage ("%s",
                           _("validate: expected one answers file (usage: zicha-cli validate ANSWERS.json [--form FILE] [--date YYYY-MM-DD])"));
  answers_path = g_ptr_array_index (arguments, 0);

  if (date_text != NULL && !zicha_condition_parse_date (date_text, &today))
    return fail_one_line (_("validate: --date must be a date YYYY-MM-DD, not “%s”"), date_text);

  form = load_form (form_path, &status);
  if (form == NULL)
    return status;

  answers = zicha_answers_new_from_file (form, answers_path, &error);
  if (answers == NULL)
    {
      /* Syntax errors read "FILE:LINE:COLUMN: …", the others name the
       * file and the JSON path; file errors name the file. */
      if (error->domain == ZICHA_ANSWERS_ERROR)
        return fail_one_line (_("validate: %s"), error->message);
      return fail_one_line (_("validate: cannot read the answers: %s"), error->message);
    }

  validation = zicha_validate (answers, date_text != NULL ? &today : NULL);
  print_problems (validation);

  return zicha_validation_get_n_errors (validation) > 0 ? CLI_EXIT_NEGATIVE : CLI_EXIT_OK;
}
