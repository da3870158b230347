/* zicha-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-code.h"
#include "zicha-data-dir.h"
#include "zicha-demo.h"
#include "zicha-report-session.h"

char *
zicha_demo_default_path (void)
{
  return zicha_data_dir_find_file ("demo", ZICHA_DEMO_DEFAULT_FILE_NAME);
}

typedef struct
{
  ZichaStore *store;
  const char *report_uuid;
  GHashTable *rows;   /* row id in the file → row UUID in the store */
  GError     *error;  /* the first failure; later values are skipped */
} DemoWriter;

static void
write_value_cb (ZichaFormItem *item,
                const char    *row_id,
                JsonNode      *value,
                gpointer       user_data)
{
  DemoWriter *writer = user_data;
  const char *row = NULL;

  if (writer->error != NULL)
    return;

  if (row_id != NULL)
    {
      row = g_hash_table_lookup (writer->rows, row_id);
      g_return_if_fail (row != NULL);
    }

  zicha_store_set_value (writer->store, writer->report_uuid, zicha_report_session_field_key (item),
                         row, value, &writer->error);
}

static gboolean
write_answers (ZichaStore    *store,
               const char    *report_uuid,
               ZichaAnswers  *answers,
               GError       **error)
{
  ZichaForm *form = zicha_answers_get_form (answers);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  DemoWriter writer = { store, report_uuid, rows, NULL };

  /* Rows first, in their order, so that cells have a row to go to. */
  for (guint i = 0; i < zicha_form_get_n_all_items (form); i++)
    {
      ZichaFormItem *table = zicha_form_get_all_item (form, i);

      if (zicha_form_item_get_item_type (table) != ZICHA_FORM_ITEM_TABLE)
        continue;

      for (guint r = 0; r < zicha_answers_get_n_rows (answers, table); r++)
        {
          char *row = zicha_store_add_row (store, report_uuid, zicha_report_session_field_key (table), error);

          if (row == NULL)
            return FALSE;
          g_hash_table_insert (rows, g_strdup (zicha_answers_get_row_id (answers, table, r)), row);
        }
    }

  zicha_answers_foreach (answers, write_value_cb, &writer);
  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }

  return TRUE;
}

/* A plain text answer of the demo, or NULL. */
static const char *
get_string (ZichaAnswers *answers,
            const char   *path)
{
  ZichaFormItem *item = zicha_form_lookup_item (zicha_answers_get_form (answers), path, NULL);
  JsonNode *value = item != NULL ? zicha_answers_get_value (answers, item, NULL) : NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}

ZichaReport *
zicha_demo_create_report (ZichaStore  *store,
                          ZichaForm   *form,
                          GError     **error)
{
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaCodeCheck) check = NULL;
  g_autofree char *path = NULL;
  g_autofree char *version = NULL;
  const char *unit_name;
  const char *unit_code = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  path = zicha_demo_default_path ();
  if (path == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The example report “%s” is not installed."), ZICHA_DEMO_DEFAULT_FILE_NAME);
      return NULL;
    }

  answers = zicha_answers_new_from_file (form, path, error);
  if (answers == NULL)
    return NULL;

  unit_name = get_string (answers, "basic.unit_name");
  if (unit_name == NULL)
    unit_name = get_string (answers, "header.unit_name");
  if (unit_name == NULL)
    unit_name = _("Example school");

  if (get_string (answers, "basic.uscc") != NULL)
    {
      check = zicha_code_check (ZICHA_CODE_USCC, get_string (answers, "basic.uscc"));
      if (check->status != ZICHA_CODE_INVALID)
        unit_code = check->normalized;
    }

  version = g_strdup_printf ("%u", zicha_form_get_version (form));
  report = zicha_store_create_report (store, zicha_form_get_id (form), version, unit_name, unit_code,
                                      (int) zicha_form_get_campaign_year (form), error);
  if (report == NULL)
    return NULL;

  if (!write_answers (store, zicha_report_get_uuid (report), answers, error))
    {
      g_autoptr(GError) delete_error = NULL;

      /* No half-filled example left behind. */
      if (!zicha_store_delete_report (store, zicha_report_get_uuid (report), &delete_error))
        g_debug ("Could not remove the unfinished example report: %s", delete_error->message);
      return NULL;
    }

  return g_steal_pointer (&report);
}
