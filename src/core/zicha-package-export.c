/* zicha-package-export.c — writes a report from the store as a .zicha
 * package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zicha-digest.h"
#include "zicha-package-private.h"
#include "zicha-report-session.h"

typedef struct archive ZichaArchiveWrite;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaArchiveWrite, archive_write_free)

typedef struct archive_entry ZichaArchiveEntry;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaArchiveEntry, archive_entry_free)

/* What goes into the package besides the manifest, gathered first so the
 * manifest can list it. Attachments are read from the store one at a time
 * while writing. */
typedef struct
{
  ZichaReport          *report;
  ZichaPackageManifest *manifest;
  GBytes               *answers;
  GBytes               *table_pdf;
  GBytes               *report_pdf;
} Contents;

static void
contents_clear (Contents *contents)
{
  g_clear_object (&contents->report);
  g_clear_pointer (&contents->manifest, _zicha_package_manifest_free);
  g_clear_pointer (&contents->answers, g_bytes_unref);
  g_clear_pointer (&contents->table_pdf, g_bytes_unref);
  g_clear_pointer (&contents->report_pdf, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Contents, contents_clear)

static gboolean
check_form (ZichaReport  *report,
            ZichaForm    *form,
            GError      **error)
{
  g_autofree char *version = g_strdup_printf ("%u", zicha_form_get_version (form));

  if (g_str_equal (zicha_report_get_form_id (report), zicha_form_get_id (form)) &&
      g_str_equal (zicha_report_get_form_version (report), version))
    return TRUE;

  g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM,
               _("The report uses the form “%s” version %s, not “%s” version %u."),
               zicha_report_get_form_id (report), zicha_report_get_form_version (report),
               zicha_form_get_id (form), zicha_form_get_version (form));
  return FALSE;
}

/* Import reads answers.json back with zicha_answers_new_from_string() and
 * wants the very same bytes; check that here rather than ship a package
 * that will be refused. */
static gboolean
check_answers_read_back (ZichaForm    *form,
                         const char   *text,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ZichaAnswers) again = zicha_answers_new_from_string (form, text, -1, &local_error);
  g_autofree char *text_again = again != NULL ? zicha_answers_to_string (again) : NULL;

  if (g_strcmp0 (text, text_again) == 0)
    return TRUE;

  g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT,
               _("The report's answers cannot be packaged: read back, they differ (%s)."),
               local_error != NULL ? local_error->message : _("another text"));
  return FALSE;
}

static gboolean
check_limits (Contents  *contents,
              gsize      manifest_size,
              GError   **error)
{
  const ZichaPackageLimits *limits = zicha_package_limits_default ();
  ZichaPackageManifest *manifest = contents->manifest;
  guint64 total = manifest_size;
  g_autofree char *limit = NULL;

  /* The manifest itself, then everything it lists. */
  if (manifest->entries->len + 1 > limits->max_entries)
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_TOO_MANY_ENTRIES,
                   _("The report has too many evidence files for one package (at most %u)."),
                   limits->max_entries - 4);
      return FALSE;
    }

  if (manifest_size > limits->max_entry_size)
    {
      limit = g_format_size (limits->max_entry_size);
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE,
                   _("The package's manifest would be larger than %s."), limit);
      return FALSE;
    }

  for (guint i = 0; i < manifest->entries->len; i++)
    {
      const ZichaPackageEntry *entry = g_ptr_array_index (manifest->entries, i);

      if ((guint64) entry->size > limits->max_entry_size)
        {
          limit = g_format_size (limits->max_entry_size);
          g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE,
                       _("“%s” is larger than %s, the most one package entry may hold."), entry->path, limit);
          return FALSE;
        }
      total += entry->size;
    }

  if (total > limits->max_total_size)
    {
      limit = g_format_size (limits->max_total_size);
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_TOTAL_TOO_LARGE,
                   _("The report with its documents and evidence files is larger than %s, "
                     "the most one package may hold."), limit);
      return FALSE;
    }

  return TRUE;
}

static gboolean
gather (ZichaStore   *store,
        ZichaForm    *form,
        const char   *report_uuid,
        GBytes       *table_pdf,
        GBytes       *report_pdf,
        Contents     *contents,
        char        **digest,
        GError      **error)
{
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *text = NULL;
  g_autofree char *computed = NULL;
  ZichaPackageManifest *manifest;
  ZichaReport *report;
  gsize length;

  report = contents->report = zicha_store_get_report (store, report_uuid, error);
  if (report == NULL || !check_form (report, form, error))
    return FALSE;

  answers = zicha_store_load_answers (store, form, report_uuid, error);
  if (answers == NULL)
    return FALSE;
  text = zicha_answers_to_string (answers);
  if (!check_answers_read_back (form, text, error))
    return FALSE;

  attachments = zicha_store_list_attachments (store, report_uuid, error);
  if (attachments == NULL)
    return FALSE;
  for (guint i = 0; i < attachments->len; i++)
    if (!_zicha_package_check_attachment (form, g_ptr_array_index (attachments, i), error))
      return FALSE;

  length = strlen (text);
  computed = zicha_report_digest_for_text (text, length, attachments);
  if (zicha_report_get_state (report) != ZICHA_REPORT_DRAFT &&
      g_strcmp0 (zicha_report_get_digest (report), computed) != 0)
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH,
                   _("The finalized report's contents no longer match its digest (recorded %s, now %s). "
                     "The database may be damaged; restore a backup."),
                   zicha_report_get_digest (report), computed);
      return FALSE;
    }

  contents->answers = g_bytes_new_take (g_steal_pointer (&text), length);
  contents->table_pdf = table_pdf != NULL ? g_bytes_ref (table_pdf) : NULL;
  contents->report_pdf = report_pdf != NULL ? g_bytes_ref (report_pdf) : NULL;

  manifest = contents->manifest = _zicha_package_manifest_new ();
  manifest->created = g_date_time_new_now_utc ();
  manifest->app_version = g_strdup (PACKAGE_VERSION);
  manifest->form_id = g_strdup (zicha_form_get_id (form));
  manifest->form_version = zicha_form_get_version (form);
  manifest->report_uuid = g_strdup (zicha_report_get_uuid (report));
  manifest->revision = zicha_report_get_revision (report);
  manifest->year = zicha_report_get_year (report);
  /* Submitted and acknowledged are this computer's business: the package
   * carries what was signed off. */
  manifest->state = zicha_report_get_state (report) == ZICHA_REPORT_DRAFT ? ZICHA_REPORT_DRAFT
                                                                          : ZICHA_REPORT_FINALIZED;
  manifest->unit_name = g_strdup (zicha_report_get_unit_name (report));
  manifest->unit_code = g_strdup (zicha_report_get_unit_code (report));
  manifest->based_on_uuid = g_strdup (zicha_report_get_based_on_uuid (report));
  manifest->report_created = g_date_time_ref (zicha_report_get_created (report));
  if (manifest->state != ZICHA_REPORT_DRAFT && zicha_report_get_finalized (report) != NULL)
    manifest->finalized = g_date_time_ref (zicha_report_get_finalized (report));
  else if (manifest->state != ZICHA_REPORT_DRAFT)
    manifest->finalized = g_date_time_ref (manifest->created);
  manifest->digest = g_strdup (computed);

  _zicha_package_manifest_add_entry (manifest, ZICHA_PACKAGE_ANSWERS_PATH, contents->answers);
  if (contents->table_pdf != NULL)
    _zicha_package_manifest_add_entry (manifest, ZICHA_PACKAGE_TABLE_PDF_PATH, contents->table_pdf);
  if (contents->report_pdf != NULL)
    _zicha_package_manifest_add_entry (manifest, ZICHA_PACKAGE_REPORT_PDF_PATH, contents->report_pdf);

  for (guint i = 0; i < attachments->len; i++)
    {
      ZichaAttachment *attachment = g_ptr_array_index (attachments, i);
      ZichaPackageEntry *entry = g_new0 (ZichaPackageEntry, 1);

      /* The store's size and hash; the bytes are checked against them
       * as they are written. */
      entry->path = _zicha_package_attachment_path (attachment->uuid);
      entry->size = attachment->size;
      entry->sha256 = g_strdup (attachment->sha256);
      g_ptr_array_add (manifest->entries, entry);
    }
  g_ptr_array_extend_and_steal (manifest->attachments, g_steal_pointer (&attachments));

  if (digest != NULL)
    *digest = g_steal_pointer (&computed);
  return TRUE;
}

/* Writing the ZIP --------------------------------------------------------- */

static gboolean
write_failed (struct archive  *archive,
              const char      *output_path,
              GError         **error)
{
  g_autofree char *display = g_filename_display_name (output_path);

  g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_WRITE_FAILED,
               _("Could not write the package “%s”: %s"), display,
               archive_error_string (archive) != NULL ? archive_error_string (archive) : g_strerror (errno));
  return FALSE;
}

static gboolean
write_entry (struct archive  *archive,
             const char      *path,
             GBytes          *contents,
             GDateTime       *time,
             const char      *output_path,
             GError         **error)
{
  g_autoptr(ZichaArchiveEntry) entry = archive_entry_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);

  archive_entry_set_pathname (entry, path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_entry_set_mtime (entry, g_date_time_to_unix (time), 0);

  if (archive_write_header (archive, entry) != ARCHIVE_OK)
    return write_failed (archive, output_path, error);

  while (size > 0)
    {
      la_ssize_t written = archive_write_data (archive, data, size);

      if (written <= 0)
        return write_failed (archive, output_path, error);
      data += written;
      size -= written;
    }

  return TRUE;
}

static gboolean
write_attachment (ZichaStore             *store,
                  struct archive         *archive,
                  const ZichaAttachment  *attachment,
                  GDateTime              *time,
                  const char             *output_path,
                  GError                **error)
{
  g_autoptr(GBytes) contents = zicha_store_read_attachment (store, attachment->uuid, error);
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;

  if (contents == NULL)
    return FALSE;

  sha256 = zicha_sha256_hex_for_bytes (contents);
  if ((gint64) g_bytes_get_size (contents) != attachment->size || !g_str_equal (sha256, attachment->sha256))
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_HASH_MISMATCH,
                   _("The evidence file “%s” in the database does not match its recorded SHA-256. "
                     "The database may be damaged; restore a backup."),
                   attachment->file_name);
      return FALSE;
    }

  path = _zicha_package_attachment_path (attachment->uuid);
  return write_entry (archive, path, contents, time, output_path, error);
}

static gboolean
write_zip (ZichaStore  *store,
           Contents    *contents,
           GBytes      *manifest_bytes,
           int          fd,
           const char  *output_path,
           GError     **error)
{
  g_autoptr(ZichaArchiveWrite) archive = archive_write_new ();
  ZichaPackageManifest *manifest = contents->manifest;
  GDateTime *time = manifest->created;

  if (archive_write_set_format_zip (archive) != ARCHIVE_OK ||
      archive_write_zip_set_compression_deflate (archive) != ARCHIVE_OK ||
      /* No padding after the end record. */
      archive_write_set_bytes_in_last_block (archive, 1) != ARCHIVE_OK ||
      archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    return write_failed (archive, output_path, error);

  /* The manifest first, so a reader that streams meets it first. */
  if (!write_entry (archive, ZICHA_PACKAGE_MANIFEST_PATH, manifest_bytes, time, output_path, error) ||
      !write_entry (archive, ZICHA_PACKAGE_ANSWERS_PATH, contents->answers, time, output_path, error) ||
      (contents->table_pdf != NULL &&
       !write_entry (archive, ZICHA_PACKAGE_TABLE_PDF_PATH, contents->table_pdf, time, output_path, error)) ||
      (contents->report_pdf != NULL &&
       !write_entry (archive, ZICHA_PACKAGE_REPORT_PDF_PATH, contents->report_pdf, time, output_path, error)))
    return FALSE;

  for (guint i = 0; i < manifest->attachments->len; i++)
    if (!write_attachment (store, archive, g_ptr_array_index (manifest->attachments, i), time, output_path, error))
      return FALSE;

  if (archive_write_close (archive) != ARCHIVE_OK)
    return write_failed (archive, output_path, error);

  return TRUE;
}

static gboolean io_failed (GError     **error,
                           int          saved_errno,
                           const char  *format,
                           ...) G_GNUC_PRINTF (3, 4);

static gboolean
io_failed (GError     **error,
           int          saved_errno,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
  return FALSE;
}

gboolean
zicha_package_export_full (ZichaStore  *store,
                           ZichaForm   *form,
                           const char  *report_uuid,
                           GBytes      *table_pdf,
                           GBytes      *report_pdf,
                           const char  *output_path,
                           char       **digest,
                           GError     **error)
{
  g_auto(Contents) contents = { NULL, };
  g_autofree char *manifest_text = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  gsize manifest_length;
  g_autofree char *computed = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *display = NULL;
  int fd;

  g_return_val_if_fail (ZICHA_IS_STORE (store), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM (form), FALSE);
  g_return_val_if_fail (report_uuid != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gather (store, form, report_uuid, table_pdf, report_pdf, &contents, &computed, error))
    return FALSE;

  manifest_text = _zicha_package_manifest_to_string (contents.manifest);

  /* What import would refuse (a unit name with a line break, an
   * over-long file name) is refused here, before anything is written. */
  {
    g_autoptr(ZichaPackageManifest) again = _zicha_package_manifest_parse (manifest_text, strlen (manifest_text),
                                                                            error);

    if (again == NULL)
      return FALSE;
  }

  manifest_length = strlen (manifest_text);
  manifest_bytes = g_bytes_new_take (g_steal_pointer (&manifest_text), manifest_length);
  if (!check_limits (&contents, g_bytes_get_size (manifest_bytes), error))
    return FALSE;

  /* Beside the target, so the rename stays on one file system. */
  dir = g_path_get_dirname (output_path);
  base = g_path_get_basename (output_path);
  temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  display = g_filename_display_name (output_path);
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      return io_failed (error, saved_errno, _("Could not create a file in “%s”: %s"),
                        display_dir, g_strerror (saved_errno));
    }

  if (!write_zip (store, &contents, manifest_bytes, fd, output_path, error))
    goto fail;

  /* On the disk before it takes the name: a crash leaves the old file or
   * the whole new one. */
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      io_failed (error, saved_errno, _("Could not write the package “%s”: %s"), display, g_strerror (saved_errno));
      goto fail;
    }

  {
    int closing = fd;

    fd = -1;
    if (!g_close (closing, NULL))
      {
        int saved_errno = errno;

        io_failed (error, saved_errno, _("Could not write the package “%s”: %s"), display, g_strerror (saved_errno));
        goto fail;
      }
  }

  if (g_rename (temp_path, output_path) != 0)
    {
      int saved_errno = errno;

      io_failed (error, saved_errno, _("Could not save the package as “%s”: %s"), display, g_strerror (saved_errno));
      goto fail;
    }

  if (digest != NULL)
    *digest = g_steal_pointer (&computed);
  return TRUE;

fail:
  if (fd >= 0)
    g_close (fd, NULL);
  g_unlink (temp_path);
  return FALSE;
}

gboolean
zicha_package_export (ZichaStore  *store,
                      ZichaForm   *form,
                      const char  *report_uuid,
                      GBytes      *table_pdf,
                      GBytes      *report_pdf,
                      const char  *output_path,
                      GError     **error)
{
  return zicha_package_export_full (store, form, report_uuid, table_pdf, report_pdf, output_path, NULL, error);
}
