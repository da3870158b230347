/* zicha-inspection-kit.c — 迎检材料: listing the evidence and writing the
 * kit as a ZIP or a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index PDF is drawn in zicha-inspection-kit-index.c.
 */
#define G_LOG_DOMAIN "zicha-inspection-kit"

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
#include "zicha-document-format.h"
#include "zicha-inspection-kit.h"
#include "zicha-report-session.h"

/* Longest safe file name, in bytes (the entry adds "evidence/<section>/NN-"). */
#define SAFE_NAME_MAX 120
/* Longest extension kept when a name is shortened. */
#define SAFE_EXTENSION_MAX 16
/* The answer printed in the index is cut after this many characters. */
#define VALUE_MAX_CHARS 160

G_DEFINE_QUARK (zicha-inspection-kit-error-quark, zicha_inspection_kit_error)

typedef struct archive ZichaKitArchive;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaKitArchive, archive_write_free)

typedef struct archive_entry ZichaKitArchiveEntry;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaKitArchiveEntry, archive_entry_free)

void
zicha_inspection_kit_entry_free (ZichaInspectionKitEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->label);
  g_free (entry->row_id);
  g_free (entry->row_title);
  g_free (entry->value);
  g_clear_pointer (&entry->attachment, zicha_attachment_free);
  g_free (entry->entry_name);
  g_free (entry);
}

/* Safe names -------------------------------------------------------------------- */

static gboolean
is_unsafe_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:       /* bidi overrides that disguise an extension */
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      break;
    }
  /* Reserved on Windows, where the kit is likely opened. */
  return c < 0x80 && strchr ("<>:\"/\\|?*", (int) c) != NULL;
}

/* Cuts @text to at most @max bytes at a character boundary. */
static void
truncate_utf8 (GString *text,
               gsize    max)
{
  const char *p = text->str;

  if (text->len <= max)
    return;
  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);

      if ((gsize) (next - text->str) > max)
        break;
      p = next;
    }
  g_string_truncate (text, p - text->str);
}

static void
strip_dots_and_spaces (GString *text)
{
  gsize start = 0;

  while (start < text->len && (text->str[start] == '.' || text->str[start] == ' '))
    start++;
  g_string_erase (text, 0, start);
  while (text->len > 0 && (text->str[text->len - 1] == '.' || text->str[text->len - 1] == ' '))
    g_string_truncate (text, text->len - 1);
}

char *
zicha_inspection_kit_safe_file_name (const char *file_name)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *base;

  valid = g_utf8_make_valid (file_name != NULL ? file_name : "", -1);

  /* Only the last component, whichever separator the sender's system
   * used. */
  base = valid;
  for (const char *p = valid; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe_char (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }

  strip_dots_and_spaces (out);

  if (out->len > SAFE_NAME_MAX)
    {
      const char *dot = strrchr (out->str, '.');
      g_autofree char *extension = NULL;

      if (dot != NULL && dot != out->str && strlen (dot) <= SAFE_EXTENSION_MAX)
        {
          extension = g_strdup (dot);
          g_string_truncate (out, dot - out->str);
        }
      truncate_utf8 (out, SAFE_NAME_MAX - (extension != NULL ? strlen (extension) : 0));
      strip_dots_and_spaces (out);
      if (extension != NULL)
        g_string_append (out, extension);
    }

  if (out->len == 0 || out->str[0] == '.')
    {
      g_string_prepend (out, "file");
      truncate_utf8 (out, SAFE_NAME_MAX);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Listing -------------------------------------------------------------------------- */

/* The answer as the 自查表 prints it in a cell, cut to a readable length. */
static char *
dup_value_text (ZichaFormItem *item,
                JsonNode      *value)
{
  g_autofree char *text = NULL;
  glong length;

  if (value == NULL)
    return g_strdup ("");
  text = zicha_document_format_value (item, value, ZICHA_VALUE_CELL);
  length = g_utf8_strlen (text, -1);
  if (length <= VALUE_MAX_CHARS)
    return g_steal_pointer (&text);
  {
    g_autofree char *start = g_utf8_substring (text, 0, VALUE_MAX_CHARS);

    return g_strconcat (start, "…", NULL);
  }
}

static char *
dup_row_title (ZichaAnswers  *answers,
               ZichaFormItem *table,
               const char    *row_id,
               guint          row_index)
{
  ZichaFormItem *title_column = zicha_form_item_get_row_title (table);
  JsonNode *value = title_column != NULL ? zicha_answers_get_value (answers, title_column, row_id) : NULL;

  if (value != NULL)
    {
      g_autofree char *text = zicha_document_format_value (title_column, value, ZICHA_VALUE_CELL);

      if (*g_strstrip (text) != '\0')
        return g_steal_pointer (&text);
    }
  if (row_index != G_MAXUINT)
    return g_strdup_printf ("第%u行", row_index + 1);
  return g_strdup ("（该行已删除）");
}

typedef struct
{
  ZichaInspectionKitEntry *entry;
  guint                    section_index;
  guint                    item_index;
  guint                    row_index;
  guint                    order;        /* the store's */
} Sortable;

static int
compare_sortable (gconstpointer a,
                  gconstpointer b)
{
  const Sortable *x = a, *y = b;

  if (x->section_index != y->section_index)
    return x->section_index < y->section_index ? -1 : 1;
  if (x->item_index != y->item_index)
    return x->item_index < y->item_index ? -1 : 1;
  if (x->row_index != y->row_index)
    return x->row_index < y->row_index ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The position of @row_id in its table, or G_MAXUINT. */
static guint
find_row (ZichaAnswers  *answers,
          ZichaFormItem *table,
          const char    *row_id)
{
  guint n = zicha_answers_get_n_rows (answers, table);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (zicha_answers_get_row_id (answers, table, i), row_id) == 0)
      return i;
  return G_MAXUINT;
}

static void
describe (ZichaAnswers            *answers,
          ZichaInspectionKitEntry *entry,
          Sortable                *sortable)
{
  ZichaForm *form = zicha_answers_get_form (answers);
  const ZichaAttachment *attachment = entry->attachment;
  gboolean has_row = attachment->row_uuid != NULL && *attachment->row_uuid != '\0';
  ZichaFormItem *item = zicha_form_lookup_item (form, attachment->field_path, NULL);
  ZichaFormItem *table;

  entry->row_id = has_row ? g_strdup (attachment->row_uuid) : NULL;
  sortable->row_index = 0;

  if (item == NULL)
    {
      /* Not a field of this form: listed last, as stored. */
      entry->label = g_strdup (attachment->field_path);
      entry->value = g_strdup ("");
      sortable->section_index = G_MAXUINT;
      sortable->item_index = G_MAXUINT;
      return;
    }

  entry->item = item;
  entry->section = zicha_form_item_get_section (item);
  sortable->section_index = zicha_form_section_get_index (entry->section);
  sortable->item_index = zicha_form_item_get_index (item);

  table = zicha_form_item_get_table (item);
  if (table != NULL)
    {
      g_autofree char *table_label = zicha_document_format_label (table);
      g_autofree char *column_label = zicha_document_format_label (item);

      entry->label = g_strdup_printf ("%s — %s", table_label, column_label);
    }
  else
    {
      entry->label = zicha_document_format_label (item);
      if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
        table = item;
    }

  if (table != NULL && has_row)
    {
      guint row_index = find_row (answers, table, attachment->row_uuid);

      sortable->row_index = row_index;
      entry->row_title = dup_row_title (answers, table, attachment->row_uuid, row_index);
    }

  /* A row's evidence backs the row: its title says which. */
  if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
    entry->value = g_strdup ("");
  else
    entry->value = dup_value_text (item, zicha_answers_get_value (answers, item, has_row ? attachment->row_uuid
                                                                                        : NULL));
}

GPtrArray *
zicha_inspection_kit_list (ZichaStore  *store,
                           ZichaForm   *form,
                           const char  *report_uuid,
                           GError     **error)
{
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree gpointer *stolen = NULL;
  g_autoptr(GArray) sortables = NULL;
  GPtrArray *entries;
  const char *section_id = NULL;
  guint n_in_section = 0;
  gsize n_stolen = 0;
  guint n;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (report_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  answers = zicha_store_load_answers (store, form, report_uuid, error);
  if (answers == NULL)
    return NULL;
  attachments = zicha_store_list_attachments (store, report_uuid, error);
  if (attachments == NULL)
    return NULL;

  /* The entries take the attachments over. */
  stolen = g_ptr_array_steal (attachments, &n_stolen);
  n = (guint) n_stolen;
  sortables = g_array_sized_new (FALSE, TRUE, sizeof (Sortable), n);
  for (guint i = 0; i < n; i++)
    {
      Sortable sortable = { 0 };

      sortable.entry = g_new0 (ZichaInspectionKitEntry, 1);
      sortable.entry->attachment = stolen[i];
      sortable.order = i;
      describe (answers, sortable.entry, &sortable);
      g_array_append_val (sortables, sortable);
    }
  g_array_sort (sortables, compare_sortable);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_inspection_kit_entry_free);
  for (guint i = 0; i < sortables->len; i++)
    {
      ZichaInspectionKitEntry *entry = g_array_index (sortables, Sortable, i).entry;
      const char *id = entry->section != NULL ? zicha_form_section_get_id (entry->section) : "other";
      g_autofree char *folder = zicha_inspection_kit_safe_file_name (id);
      g_autofree char *name = zicha_inspection_kit_safe_file_name (entry->attachment->file_name);

      if (g_strcmp0 (id, section_id) != 0)
        n_in_section = 0;
      section_id = id;
      entry->entry_name = g_strdup_printf ("%s/%s/%02u-%s", ZICHA_INSPECTION_KIT_EVIDENCE_DIR, folder,
                                           ++n_in_section, name);
      g_ptr_array_add (entries, entry);
    }

  return entries;
}

/* Writing ------------------------------------------------------------------------- */

typedef struct
{
  ZichaInspectionKitProgressFunc  progress;
  gpointer                        user_data;
  guint                           done;
  guint                           total;
} Progress;

static void
step (Progress *progress)
{
  progress->done++;
  if (progress->progress != NULL)
    progress->progress (progress->done, progress->total, progress->user_data);
}

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* The bytes of an evidence file, checked against the store's record. */
static GBytes *
read_evidence (ZichaStore             *store,
               const ZichaAttachment  *attachment,
               GError                **error)
{
  g_autoptr(GBytes) contents = zicha_store_read_attachment (store, attachment->uuid, error);
  g_autofree char *sha256 = NULL;

  if (contents == NULL)
    return NULL;

  sha256 = zicha_sha256_hex_for_bytes (contents);
  if ((gint64) g_bytes_get_size (contents) != attachment->size || g_strcmp0 (sha256, attachment->sha256) != 0)
    {
      g_set_error (error, ZICHA_INSPECTION_KIT_ERROR, ZICHA_INSPECTION_KIT_ERROR_HASH_MISMATCH,
                   _("The evidence file “%s” in the database does not match its recorded SHA-256. "
                     "The database may be damaged; restore a backup."),
                   attachment->file_name);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* ZIP ---------------------------------------------------------------------------- */

static gboolean
archive_failed (struct archive  *archive,
                const char      *output_path,
                GError         **error)
{
  g_autofree char *display = g_filename_display_name (output_path);
  const char *reason = archive_error_string (archive);

  g_set_error (error, ZICHA_INSPECTION_KIT_ERROR, ZICHA_INSPECTION_KIT_ERROR_WRITE_FAILED,
               _("Could not write “%s”: %s"), display, reason != NULL ? reason : g_strerror (errno));
  return FALSE;
}

static gboolean
write_zip_entry (struct archive  *archive,
                 const char      *name,
                 GBytes          *contents,
                 gint64           mtime,
                 const char      *output_path,
                 GError         **error)
{
  g_autoptr(ZichaKitArchiveEntry) entry = archive_entry_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_entry_set_mtime (entry, mtime, 0);

  if (archive_write_header (archive, entry) != ARCHIVE_OK)
    return archive_failed (archive, output_path, error);

  while (size > 0)
    {
      la_ssize_t written = archive_write_data (archive, data, size);

      if (written <= 0)
        return archive_failed (archive, output_path, error);
      data += written;
      size -= written;
    }
  return TRUE;
}

static gboolean
write_zip (ZichaStore    *store,
           GPtrArray     *entries,
           GBytes        *index,
           gint64         mtime,
           int            fd,
           const char    *output_path,
           Progress      *progress,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(ZichaKitArchive) archive = archive_write_new ();

  if (archive_write_set_format_zip (archive) != ARCHIVE_OK ||
      archive_write_zip_set_compression_deflate (archive) != ARCHIVE_OK ||
      /* Names are UTF-8 and flagged so (general purpose bit 11). */
      archive_write_set_format_option (archive, "zip", "hdrcharset", "UTF-8") != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block (archive, 1) != ARCHIVE_OK ||
      archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    return archive_failed (archive, output_path, error);

  if (!write_zip_entry (archive, ZICHA_INSPECTION_KIT_INDEX_NAME, index, mtime, output_path, error))
    return FALSE;
  step (progress);

  for (guint i = 0; i < entries->len; i++)
    {
      ZichaInspectionKitEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GBytes) contents = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      contents = read_evidence (store, entry->attachment, error);
      if (contents == NULL ||
          !write_zip_entry (archive, entry->entry_name, contents, mtime, output_path, error))
        return FALSE;
      step (progress);
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    return archive_failed (archive, output_path, error);
  return TRUE;
}

static gboolean
export_zip (ZichaStore    *store,
            GPtrArray     *entries,
            GBytes        *index,
            gint64         mtime,
            const char    *output_path,
            Progress      *progress,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (output_path);
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *temp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  int fd;

  /* Beside the target, so the rename stays on one file system. */
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return io_error (error, errno, output_path);

  if (!write_zip (store, entries, index, mtime, fd, output_path, progress, cancellable, error))
    goto fail;

  /* On the disk before it takes the name. */
  if (fsync (fd) != 0)
    {
      io_error (error, errno, output_path);
      goto fail;
    }
  {
    int closing = fd;

    fd = -1;
    if (!g_close (closing, NULL))
      {
        io_error (error, errno, output_path);
        goto fail;
      }
  }
  if (g_rename (temp_path, output_path) != 0)
    {
      io_error (error, errno, output_path);
      goto fail;
    }
  return TRUE;

fail:
  if (fd >= 0)
    g_close (fd, NULL);
  g_unlink (temp_path);
  return FALSE;
}

/* Folder -------------------------------------------------------------------------- */

/* Removes the temporary folder this export made, with what it put there. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static gboolean
write_file (const char  *root,
            const char  *name,
            GBytes      *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (g_mkdir_with_parents (parent, 0755) != 0)
    return io_error (error, errno, parent);
  return g_file_set_contents_full (path, data != NULL ? data : "", size, G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

static gboolean
export_folder (ZichaStore    *store,
               GPtrArray     *entries,
               GBytes        *index,
               const char    *output_path,
               Progress      *progress,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (output_path);
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *temp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  if (g_file_test (output_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (output_path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), display);
      return FALSE;
    }

  if (g_mkdtemp_full (temp_path, 0755) == NULL)
    return io_error (error, errno, output_path);

  if (!write_file (temp_path, ZICHA_INSPECTION_KIT_INDEX_NAME, index, error))
    goto fail;
  step (progress);

  for (guint i = 0; i < entries->len; i++)
    {
      ZichaInspectionKitEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GBytes) contents = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      contents = read_evidence (store, entry->attachment, error);
      if (contents == NULL || !write_file (temp_path, entry->entry_name, contents, error))
        goto fail;
      step (progress);
    }

  if (g_rename (temp_path, output_path) != 0)
    {
      io_error (error, errno, output_path);
      goto fail;
    }
  return TRUE;

fail:
  remove_tree (temp_path);
  return FALSE;
}

gboolean
zicha_inspection_kit_export (ZichaStore                     *store,
                             ZichaForm                      *form,
                             const char                     *report_uuid,
                             ZichaInspectionKitFormat        format,
                             const char                     *output_path,
                             ZichaInspectionKitProgressFunc  progress_func,
                             gpointer                        user_data,
                             GCancellable                   *cancellable,
                             GError                        **error)
{
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) index = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Progress progress = { progress_func, user_data, 0, 0 };

  g_return_val_if_fail (ZICHA_IS_STORE (store), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM (form), FALSE);
  g_return_val_if_fail (report_uuid != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (format == ZICHA_INSPECTION_KIT_ZIP || format == ZICHA_INSPECTION_KIT_FOLDER, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  report = zicha_store_get_report (store, report_uuid, error);
  if (report == NULL)
    return FALSE;
  entries = zicha_inspection_kit_list (store, form, report_uuid, error);
  if (entries == NULL)
    return FALSE;
  progress.total = entries->len + 1;

  index = zicha_inspection_kit_render_index (report, form, entries, now, cancellable, error);
  if (index == NULL)
    return FALSE;

  if (format == ZICHA_INSPECTION_KIT_ZIP)
    return export_zip (store, entries, index, g_date_time_to_unix (now), output_path, &progress, cancellable, error);
  return export_folder (store, entries, index, output_path, &progress, cancellable, error);
}
