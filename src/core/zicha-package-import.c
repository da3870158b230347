/* zicha-package-import.c — checks a .zicha package from end to end, then
 * adds its report to the store in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order: everything zicha-package-verify.c checks (the ZIP, the manifest,
 * the form, every entry against the manifest, the answers against the
 * form, the digest), then what the store already has. Nothing touches the
 * database before all of that passed.
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-digest.h"
#include "zicha-package-private.h"
#include "zicha-report-session.h"

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, ZICHA_PACKAGE_ERROR, code, message);
  return FALSE;
}

/* What the store has ------------------------------------------------------ */

/* The digest of a report in the store: recorded once finalized, computed
 * from its contents while a draft. NULL when it cannot be (another form). */
static char *
stored_digest (ZichaStore   *store,
               ZichaForm    *form,
               ZichaReport  *report,
               GError      **error)
{
  g_autofree char *version = g_strdup_printf ("%u", zicha_form_get_version (form));
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GPtrArray) attachments = NULL;

  if (zicha_report_get_state (report) != ZICHA_REPORT_DRAFT)
    return g_strdup (zicha_report_get_digest (report));

  if (!g_str_equal (zicha_report_get_form_id (report), zicha_form_get_id (form)) ||
      !g_str_equal (zicha_report_get_form_version (report), version))
    return g_strdup ("");

  answers = zicha_store_load_answers (store, form, zicha_report_get_uuid (report), error);
  if (answers == NULL)
    return NULL;
  attachments = zicha_store_list_attachments (store, zicha_report_get_uuid (report), error);
  if (attachments == NULL)
    return NULL;

  return zicha_report_digest (answers, attachments);
}

static gboolean
same_identity (ZichaReport           *report,
               ZichaPackageManifest  *manifest)
{
  g_autofree char *version = g_strdup_printf ("%u", manifest->form_version);

  return g_str_equal (zicha_report_get_form_id (report), manifest->form_id) &&
         g_str_equal (zicha_report_get_form_version (report), version) &&
         g_strcmp0 (zicha_report_get_unit_name (report), manifest->unit_name) == 0 &&
         g_strcmp0 (zicha_report_get_unit_code (report), manifest->unit_code) == 0 &&
         zicha_report_get_year (report) == manifest->year &&
         zicha_report_get_revision (report) == manifest->revision;
}

/* The same report again: return it (finalizing a draft copy of it when the
 * package is the finalized version). Anything else with its UUID is a
 * conflict. */
static ZichaReport *
take_existing (ZichaStore                 *store,
               ZichaForm                  *form,
               ZichaReport                *existing,
               ZichaPackageManifest       *manifest,
               ZichaPackageImportOutcome  *outcome,
               GError                    **error)
{
  g_autofree char *digest = stored_digest (store, form, existing, error);

  if (digest == NULL)
    return NULL;

  if (!g_str_equal (digest, manifest->digest) || !same_identity (existing, manifest))
    {
      if (zicha_report_get_state (existing) == ZICHA_REPORT_DRAFT)
        fail (error, ZICHA_PACKAGE_ERROR_CONFLICT,
              _("A different version of this report (%s) is already here as a draft; nothing was imported. "
                "To replace it with the package, delete the draft first."),
              manifest->report_uuid);
      else
        fail (error, ZICHA_PACKAGE_ERROR_CONFLICT,
              _("A report with the same ID (%s) but different contents is already here and finalized; "
                "nothing was imported."),
              manifest->report_uuid);
      return NULL;
    }

  if (zicha_report_get_state (existing) == ZICHA_REPORT_DRAFT && manifest->state != ZICHA_REPORT_DRAFT)
    {
      if (!zicha_store_finalize_report (store, manifest->report_uuid, manifest->digest, error))
        return NULL;
      *outcome = ZICHA_PACKAGE_IMPORT_FINALIZED_DRAFT;
      return zicha_store_get_report (store, manifest->report_uuid, error);
    }

  *outcome = ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT;
  return g_object_ref (existing);
}

/* Attachment UUIDs are unique in the whole store. */
static gboolean
check_attachment_ids_free (ZichaStore            *store,
                           ZichaPackageManifest  *manifest,
                           GError               **error)
{
  for (guint i = 0; i < manifest->attachments->len; i++)
    {
      const ZichaAttachment *attachment = g_ptr_array_index (manifest->attachments, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) contents = zicha_store_read_attachment (store, attachment->uuid, &local_error);

      if (contents != NULL)
        return fail (error, ZICHA_PACKAGE_ERROR_CONFLICT,
                     _("The evidence file “%s” of the package is already attached to another report here; "
                       "nothing was imported."), attachment->file_name);

      if (!g_error_matches (local_error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* Into the store ---------------------------------------------------------- */

static void
collect_value (ZichaFormItem *item,
               const char    *row_id,
               JsonNode      *value,
               gpointer       user_data)
{
  GArray *values = user_data;
  ZichaStoreImportValue entry = {
    .field_path = zicha_report_session_field_key (item),
    .row_uuid = row_id,
    .value = value,
  };

  g_array_append_val (values, entry);
}

static ZichaReport *
insert (ZichaStore            *store,
        ZichaForm             *form,
        ZichaPackageManifest  *manifest,
        ZichaAnswers          *answers,
        GHashTable            *entries,
        GError               **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ZichaStoreImportRow));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (ZichaStoreImportValue));
  g_autoptr(GArray) attachments = g_array_new (FALSE, FALSE, sizeof (ZichaStoreImportAttachment));
  g_autofree char *form_version = g_strdup_printf ("%u", manifest->form_version);
  ZichaStoreImport import = {
    .uuid = manifest->report_uuid,
    .form_id = manifest->form_id,
    .form_version = form_version,
    .unit_name = manifest->unit_name,
    .unit_code = manifest->unit_code,
    .year = manifest->year,
    .revision = manifest->revision,
    .based_on_uuid = manifest->based_on_uuid,
    .created = manifest->report_created,
    .state = manifest->state,
    .finalized = manifest->finalized,
    .digest = manifest->state != ZICHA_REPORT_DRAFT ? manifest->digest : NULL,
  };

  for (guint i = 0; i < zicha_form_get_n_all_items (form); i++)
    {
      ZichaFormItem *table = zicha_form_get_all_item (form, i);

      if (zicha_form_item_get_item_type (table) != ZICHA_FORM_ITEM_TABLE)
        continue;

      for (guint r = 0; r < zicha_answers_get_n_rows (answers, table); r++)
        {
          ZichaStoreImportRow row = {
            .table_path = zicha_report_session_field_key (table),
            .row_uuid = zicha_answers_get_row_id (answers, table, r),
          };

          g_array_append_val (rows, row);
        }
    }

  zicha_answers_foreach (answers, collect_value, values);

  for (guint i = 0; i < manifest->attachments->len; i++)
    {
      const ZichaAttachment *attachment = g_ptr_array_index (manifest->attachments, i);
      g_autofree char *path = _zicha_package_attachment_path (attachment->uuid);
      ZichaStoreImportAttachment entry = {
        .attachment = attachment,
        .contents = g_hash_table_lookup (entries, path),
      };

      g_array_append_val (attachments, entry);
    }

  import.rows = (const ZichaStoreImportRow *) rows->data;
  import.n_rows = rows->len;
  import.values = (const ZichaStoreImportValue *) values->data;
  import.n_values = values->len;
  import.attachments = (const ZichaStoreImportAttachment *) attachments->data;
  import.n_attachments = attachments->len;

  return zicha_store_import_report (store, &import, error);
}

ZichaReport *
zicha_package_import_bytes (ZichaStore                 *store,
                            ZichaForm                  *form,
                            GBytes                     *package,
                            const ZichaPackageLimits   *limits,
                            ZichaPackageImportOutcome  *outcome,
                            GError                    **error)
{
  g_autoptr(ZichaPackageContents) contents = NULL;
  g_autoptr(ZichaReport) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  ZichaPackageManifest *manifest;
  ZichaPackageImportOutcome ignored;
  ZichaReport *report;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (package != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (outcome == NULL)
    outcome = &ignored;

  contents = _zicha_package_read_verified (package, &form, 1, limits, error);
  if (contents == NULL)
    return NULL;
  manifest = contents->manifest;

  existing = zicha_store_get_report (store, manifest->report_uuid, &local_error);
  if (existing != NULL)
    return take_existing (store, form, existing, manifest, outcome, error);
  if (!g_error_matches (local_error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!check_attachment_ids_free (store, manifest, error))
    return NULL;

  report = insert (store, form, manifest, contents->answers, contents->entries, error);
  if (report != NULL)
    *outcome = ZICHA_PACKAGE_IMPORT_NEW;
  return report;
}

ZichaReport *
zicha_package_import (ZichaStore  *store,
                      ZichaForm   *form,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GBytes) package = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  package = zicha_package_load_file (path, error);
  if (package == NULL)
    return NULL;

  return zicha_package_import_bytes (store, form, package, NULL, NULL, error);
}
