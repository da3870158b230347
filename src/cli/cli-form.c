/* cli-form.c — zicha-cli form show [FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints a form definition's sections with their item and table counts.
 * Without FILE, the default form (zicha_form_default_path ()). A file that
 * cannot be read or is not a valid definition is one line on stderr and
 * exit status 2; the loader's message gives the path and line:column or
 * the JSON path of the problem.
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-cli"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-form.h"
#include "zicha-form.h"

static void
print_form (ZichaForm *form)
{
  guint n_items = 0;
  guint n_tables = 0;
  guint n_columns = 0;
  guint n_row_rules = 0;

  printf ("%s\n", zicha_localized_text_get_for_locale (zicha_form_get_title (form)));
  /* TRANSLATORS: form id and revision, e.g. "edu-cybersec-selfcheck-2019, version 1" */
  printf (_("Form: %s, version %u"), zicha_form_get_id (form), zicha_form_get_version (form));
  putchar ('\n');
  printf (_("Campaign: %s (%u)"), zicha_localized_text_get_for_locale (zicha_form_get_campaign_name (form)),
          zicha_form_get_campaign_year (form));
  putchar ('\n');
  printf (_("Deadline: %s"), zicha_form_get_deadline (form));
  putchar ('\n');
  /* The addressee may carry a note on a second line: show the first. */
  {
    g_auto(GStrv) lines = g_strsplit (zicha_localized_text_get_for_locale (zicha_form_get_addressee (form)), "\n", 2);

    printf (_("Addressed to: %s"), lines[0]);
    putchar ('\n');
  }
  if (zicha_form_get_platform_url (form) != NULL)
    {
      printf (_("Platform: %s"), zicha_form_get_platform_url (form));
      putchar ('\n');
    }
  putchar ('\n');

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);
      guint section_tables = zicha_form_section_get_n_tables (section);
      guint section_items = zicha_form_section_get_n_items (section) - section_tables;
      g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", section_items), section_items);
      g_autofree char *tables = g_strdup_printf (ngettext ("%u table", "%u tables", section_tables), section_tables);

      printf ("%2u  %-22s %-10s %-10s %s\n", i + 1, zicha_form_section_get_id (section), items, tables,
              zicha_localized_text_get_for_locale (zicha_form_section_get_title (section)));

      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, j);
          guint columns;

          if (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE)
            continue;

          columns = zicha_form_item_get_n_columns (item);
          printf ("    ");
          printf (ngettext ("table %s: %u column", "table %s: %u columns", columns),
                  zicha_form_item_get_path (item), columns);
          putchar ('\n');
          n_columns += columns;
          n_row_rules += zicha_form_item_get_n_rules (item);
        }

      n_items += section_items;
      n_tables += section_tables;
    }

  putchar ('\n');
  /* TRANSLATORS: the totals line of "zicha-cli form show" */
  printf (_("Total: %u sections, %u items, %u tables with %u columns, %u cross-field rules, %u row rules"),
          zicha_form_get_n_sections (form), n_items, n_tables, n_columns,
          zicha_form_get_n_rules (form), n_row_rules);
  putchar ('\n');
}

static int
form_show (const char *path)
{
  g_autofree char *default_path = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      default_path = zicha_form_default_path ();
      if (default_path == NULL)
        return cli_fail_usage (_("form: no form definition found; set ZICHA_DATADIR or name a FILE"));
      path = default_path;
    }

  form = zicha_form_new_from_file (path, &error);
  if (form == NULL)
    {
      /* Loader messages already name the file; file errors do too. */
      if (error->domain == ZICHA_FORM_ERROR)
        return cli_fail_usage (_("form: %s"), error->message);
      return cli_fail_usage (_("form: cannot read the form definition: %s"), error->message);
    }

  print_form (form);
  return CLI_EXIT_OK;
}

int
cli_form_run (int    argc,
              char **argv)
{
  if (!cli_parse_options ("form", _("show [FILE]"), NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  /* argv[0] is "form"; GOptionContext leaves "--" in place. */
  if (argc > 1 && g_str_equal (argv[1], "--"))
    {
      argv[1] = argv[0];
      argv++;
      argc--;
    }

  if (argc < 2)
    return cli_fail_usage ("%s", _("form: expected a subcommand (usage: zicha-cli form show [FILE])"));

  if (g_str_equal (argv[1], "show"))
    {
      if (argc > 3)
        return cli_fail_usage ("%s", _("form show: expected at most one FILE"));
      return form_show (argc == 3 ? argv[2] : NULL);
    }

  return cli_fail_usage (_("form: unknown subcommand “%s” (usage: zicha-cli form show [FILE])"), argv[1]);
}
