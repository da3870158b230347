/* zicha-package-verify.c — every check of a .zicha package that needs no
 * store: shared by import and by the platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order: the ZIP (zicha-package-reader.c), the manifest, the form, every
 * entry against the manifest, the attachment records, the answers against
 * the form, canonical answers.json, the digest. zicha-package-import.c
 * then compares with what the store has.
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zicha-digest.h"
#include "zicha-package-private.h"
#include "zicha-package-verify.h"

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

/* The form of @forms the package is for. */
static ZichaForm *
find_form (ZichaPackageManifest  *manifest,
           ZichaForm * const     *forms,
           guint                  n_forms,
           GError               **error)
{
  for (guint i = 0; i < n_forms; i++)
    if (g_str_equal (manifest->form_id, zicha_form_get_id (forms[i])) &&
        manifest->form_version == zicha_form_get_version (forms[i]))
      return forms[i];

  if (n_forms == 1)
    fail (error, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM,
          _("This package is for the form “%s” version %u, which this version of Zicha does not have "
            "(it has “%s” version %u)."),
          manifest->form_id, manifest->form_version, zicha_form_get_id (forms[0]), zicha_form_get_version (forms[0]));
  else
    fail (error, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM,
          _("This package is for the form “%s” version %u, which is not one of the forms accepted here."),
          manifest->form_id, manifest->form_version);
  return NULL;
}

/* Every entry is listed with its size and hash, and every listing has its
 * entry. */
static gboolean
check_entries (ZichaPackageManifest  *manifest,
               GHashTable            *entries,
               GError               **error)
{
  GHashTableIter iter;
  gpointer key;

  if (_zicha_package_manifest_lookup_entry (manifest, ZICHA_PACKAGE_ANSWERS_PATH) == NULL &&
      !g_hash_table_contains (entries, ZICHA_PACKAGE_ANSWERS_PATH))
    return fail (error, ZICHA_PACKAGE_ERROR_MISSING_ENTRY,
                 _("The package has no answers.json: it holds no report."));

  for (guint i = 0; i < manifest->entries->len; i++)
    {
      const ZichaPackageEntry *entry = g_ptr_array_index (manifest->entries, i);

      if (!g_hash_table_contains (entries, entry->path))
        return fail (error, ZICHA_PACKAGE_ERROR_MISSING_ENTRY,
                     _("The package is missing “%s”, which its manifest lists."), entry->path);
    }

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_str_equal (key, ZICHA_PACKAGE_MANIFEST_PATH) &&
        _zicha_package_manifest_lookup_entry (manifest, key) == NULL)
      return fail (error, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                   _("The package has an entry “%s” that its manifest does not list."), (const char *) key);

  for (guint i = 0; i < manifest->entries->len; i++)
    {
      const ZichaPackageEntry *entry = g_ptr_array_index (manifest->entries, i);
      GBytes *contents = g_hash_table_lookup (entries, entry->path);
      g_autofree char *sha256 = zicha_sha256_hex_for_bytes (contents);

      if ((gint64) g_bytes_get_size (contents) != entry->size || !g_str_equal (sha256, entry->sha256))
        return fail (error, ZICHA_PACKAGE_ERROR_HASH_MISMATCH,
                     _("The package entry “%s” is not what its manifest says (size or SHA-256 differ): "
                       "the package was changed or damaged."), entry->path);
    }

  return TRUE;
}

/* Attachment records and attachments/<uuid> entries go in pairs. */
static gboolean
check_attachments (ZichaPackageManifest  *manifest,
                   ZichaForm             *form,
                   GError               **error)
{
  g_autoptr(GHashTable) recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < manifest->attachments->len; i++)
    {
      const ZichaAttachment *attachment = g_ptr_array_index (manifest->attachments, i);
      g_autofree char *path = _zicha_package_attachment_path (attachment->uuid);
      const ZichaPackageEntry *entry = _zicha_package_manifest_lookup_entry (manifest, path);

      if (entry == NULL)
        return fail (error, ZICHA_PACKAGE_ERROR_MISSING_ENTRY,
                     _("The package is missing the evidence file “%s” (%s)."), attachment->file_name, path);

      if (entry->size != attachment->size || !g_str_equal (entry->sha256, attachment->sha256))
        return fail (error, ZICHA_PACKAGE_ERROR_HASH_MISMATCH,
                     _("The manifest gives two different sizes or SHA-256 for the evidence file “%s”."),
                     attachment->file_name);

      if (!_zicha_package_check_attachment (form, attachment, error))
        return FALSE;

      g_hash_table_add (recorded, g_steal_pointer (&path));
    }

  for (guint i = 0; i < manifest->entries->len; i++)
    {
      const ZichaPackageEntry *entry = g_ptr_array_index (manifest->entries, i);

      if (g_str_has_prefix (entry->path, ZICHA_PACKAGE_ATTACHMENTS_DIR) &&
          !g_hash_table_contains (recorded, entry->path))
        return fail (error, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                     _("The package has an evidence file “%s” that belongs to no field."), entry->path);
    }

  return TRUE;
}

static ZichaAnswers *
read_answers (ZichaForm  *form,
              GBytes     *bytes,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autofree char *canonical = NULL;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  if (length == 0 || !g_utf8_validate (text, length, NULL))
    {
      fail (error, ZICHA_PACKAGE_ERROR_MALFORMED_ANSWERS, _("The package's answers.json is not UTF-8 JSON text."));
      return NULL;
    }

  answers = zicha_answers_new_from_string (form, text, length, &local_error);
  if (answers == NULL)
    {
      int code;

      if (g_error_matches (local_error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_SYNTAX))
        code = ZICHA_PACKAGE_ERROR_MALFORMED_ANSWERS;
      else if (g_error_matches (local_error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_UNSUPPORTED_VERSION))
        code = ZICHA_PACKAGE_ERROR_UNSUPPORTED_VERSION;
      else
        code = ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT;

      if (code == ZICHA_PACKAGE_ERROR_MALFORMED_ANSWERS)
        fail (error, code, _("The package's answers.json is not valid JSON: %s"), local_error->message);
      else
        fail (error, code, _("The package's answers do not fit the form “%s”: %s"),
              zicha_form_get_id (form), local_error->message);
      return NULL;
    }

  /* The digest hashes these bytes; there must be one way to write them. */
  canonical = zicha_answers_to_string (answers);
  if (strlen (canonical) != length || memcmp (canonical, text, length) != 0)
    {
      fail (error, ZICHA_PACKAGE_ERROR_NOT_CANONICAL,
            _("The package's answers.json is not written in canonical form (sorted keys, no extra spaces), "
              "so its digest cannot be checked."));
      return NULL;
    }

  return g_steal_pointer (&answers);
}

void
_zicha_package_contents_free (ZichaPackageContents *contents)
{
  if (contents == NULL)
    return;

  g_clear_pointer (&contents->entries, g_hash_table_unref);
  g_clear_pointer (&contents->manifest, _zicha_package_manifest_free);
  g_clear_object (&contents->form);
  g_clear_object (&contents->answers);
  g_free (contents);
}

ZichaPackageContents *
_zicha_package_read_verified (GBytes                    *package,
                              ZichaForm * const         *forms,
                              guint                      n_forms,
                              const ZichaPackageLimits  *limits,
                              GError                   **error)
{
  g_autoptr(ZichaPackageContents) contents = g_new0 (ZichaPackageContents, 1);
  g_autofree char *digest = NULL;
  ZichaForm *form;
  GBytes *bytes;

  g_return_val_if_fail (package != NULL, NULL);
  g_return_val_if_fail (forms != NULL && n_forms > 0, NULL);

  contents->entries = _zicha_package_read_entries (package, limits, error);
  if (contents->entries == NULL)
    return NULL;

  bytes = g_hash_table_lookup (contents->entries, ZICHA_PACKAGE_MANIFEST_PATH);
  if (bytes == NULL)
    {
      fail (error, ZICHA_PACKAGE_ERROR_MISSING_ENTRY,
            _("The package has no manifest.json: it is not a Zicha package, or it is damaged."));
      return NULL;
    }

  contents->manifest = _zicha_package_manifest_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (contents->manifest == NULL)
    return NULL;

  form = find_form (contents->manifest, forms, n_forms, error);
  if (form == NULL)
    return NULL;
  contents->form = g_object_ref (form);

  if (!check_entries (contents->manifest, contents->entries, error) ||
      !check_attachments (contents->manifest, form, error))
    return NULL;

  contents->answers = read_answers (form, g_hash_table_lookup (contents->entries, ZICHA_PACKAGE_ANSWERS_PATH), error);
  if (contents->answers == NULL)
    return NULL;

  /* read_answers() found answers.json canonical, so it is what
   * zicha_report_digest() would write again: hash it as it is. */
  bytes = g_hash_table_lookup (contents->entries, ZICHA_PACKAGE_ANSWERS_PATH);
  digest = zicha_report_digest_for_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         contents->manifest->attachments);
  if (!g_str_equal (digest, contents->manifest->digest))
    {
      fail (error, ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH,
            _("The package's report digest does not match its contents (it says %s, the contents give %s): "
              "the package was changed after it was made."),
            contents->manifest->digest, digest);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* The public face ----------------------------------------------------------- */

void
zicha_package_info_free (ZichaPackageInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->report_uuid);
  g_free (info->unit_code);
  g_free (info->unit_name);
  g_free (info->digest);
  g_free (info->form_id);
  g_free (info->based_on_uuid);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_clear_pointer (&info->finalized, g_date_time_unref);
  g_free (info);
}

static ZichaPackageInfo *
info_new (ZichaPackageManifest *manifest)
{
  ZichaPackageInfo *info = g_new0 (ZichaPackageInfo, 1);

  info->report_uuid = g_strdup (manifest->report_uuid);
  info->unit_code = g_strdup (manifest->unit_code);
  info->unit_name = g_strdup (manifest->unit_name);
  info->digest = g_strdup (manifest->digest);
  info->form_id = g_strdup (manifest->form_id);
  info->form_version = manifest->form_version;
  info->state = manifest->state;
  info->revision = manifest->revision;
  info->year = manifest->year;
  info->based_on_uuid = g_strdup (manifest->based_on_uuid);
  info->created = manifest->report_created != NULL ? g_date_time_ref (manifest->report_created) : NULL;
  info->finalized = manifest->finalized != NULL ? g_date_time_ref (manifest->finalized) : NULL;
  info->n_attachments = manifest->attachments->len;
  return info;
}

ZichaPackageInfo *
zicha_package_verify (GBytes                    *package,
                      ZichaForm                 *form,
                      const ZichaPackageLimits  *limits,
                      GError                   **error)
{
  g_autoptr(ZichaPackageContents) contents = NULL;

  g_return_val_if_fail (package != NULL, NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = _zicha_package_read_verified (package, &form, 1, limits, error);
  if (contents == NULL)
    return NULL;

  return info_new (contents->manifest);
}

ZichaPackageInfo *
zicha_package_verify_with_forms (GBytes                    *package,
                                 GPtrArray                 *forms,
                                 const ZichaPackageLimits  *limits,
                                 GError                   **error)
{
  g_autoptr(ZichaPackageContents) contents = NULL;

  g_return_val_if_fail (package != NULL, NULL);
  g_return_val_if_fail (forms != NULL && forms->len > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = _zicha_package_read_verified (package, (ZichaForm * const *) forms->pdata, forms->len, limits, error);
  if (contents == NULL)
    return NULL;

  return info_new (contents->manifest);
}

const char *
zicha_package_error_to_string (ZichaPackageError code)
{
  switch (code)
    {
    case ZICHA_PACKAGE_ERROR_NOT_A_ZIP:           return "not_a_zip";
    case ZICHA_PACKAGE_ERROR_TRUNCATED:           return "truncated";
    case ZICHA_PACKAGE_ERROR_DAMAGED:             return "damaged";
    case ZICHA_PACKAGE_ERROR_TOO_LARGE:           return "too_large";
    case ZICHA_PACKAGE_ERROR_PATH_TRAVERSAL:      return "path_traversal";
    case ZICHA_PACKAGE_ERROR_ABSOLUTE_PATH:       return "absolute_path";
    case ZICHA_PACKAGE_ERROR_NOT_A_FILE:          return "not_a_file";
    case ZICHA_PACKAGE_ERROR_DUPLICATE_ENTRY:     return "duplicate_entry";
    case ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE:     return "entry_too_large";
    case ZICHA_PACKAGE_ERROR_TOO_MANY_ENTRIES:    return "too_many_entries";
    case ZICHA_PACKAGE_ERROR_TOTAL_TOO_LARGE:     return "total_too_large";
    case ZICHA_PACKAGE_ERROR_MISSING_ENTRY:       return "missing_entry";
    case ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY:    return "unexpected_entry";
    case ZICHA_PACKAGE_ERROR_HASH_MISMATCH:       return "hash_mismatch";
    case ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST:  return "malformed_manifest";
    case ZICHA_PACKAGE_ERROR_UNSUPPORTED_VERSION: return "unsupported_version";
    case ZICHA_PACKAGE_ERROR_UNKNOWN_FORM:        return "unknown_form";
    case ZICHA_PACKAGE_ERROR_MALFORMED_ANSWERS:   return "malformed_answers";
    case ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT:  return "answers_do_not_fit";
    case ZICHA_PACKAGE_ERROR_NOT_CANONICAL:       return "not_canonical";
    case ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH:     return "digest_mismatch";
    case ZICHA_PACKAGE_ERROR_CONFLICT:            return "conflict";
    case ZICHA_PACKAGE_ERROR_WRITE_FAILED:        return "write_failed";
    default:                                      return "unknown";
    }
}
