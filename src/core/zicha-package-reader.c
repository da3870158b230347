/* zicha-package-reader.c — reads the ZIP of a .zicha package into memory
 * without trusting it: names, kinds, counts and sizes are checked while
 * reading, not taken from the headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>

#include "zicha-package-private.h"

typedef struct archive ZichaArchiveRead;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaArchiveRead, archive_read_free)

/* The largest End of Central Directory record: 22 bytes and a comment of
 * at most 65535. */
#define EOCD_MIN_SIZE 22
#define EOCD_MAX_SIZE (EOCD_MIN_SIZE + 65535)

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
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

/* Before libarchive: a ZIP starts with a local file header (or, when
 * empty, with the end record) and ends with the end record. A file cut
 * short loses its end, so "no end record" is how truncation shows. */
static gboolean
sniff (const guint8  *data,
       gsize          size,
       GError       **error)
{
  static const guint8 local_header[] = { 'P', 'K', 3, 4 };
  static const guint8 end_record[] = { 'P', 'K', 5, 6 };
  gsize lowest;

  if (size < sizeof local_header ||
      (memcmp (data, local_header, sizeof local_header) != 0 &&
       memcmp (data, end_record, sizeof end_record) != 0))
    return refuse (error, ZICHA_PACKAGE_ERROR_NOT_A_ZIP,
                   _("This file is not a Zicha package: it is not a ZIP file."));

  if (size >= EOCD_MIN_SIZE)
    {
      lowest = size > EOCD_MAX_SIZE ? size - EOCD_MAX_SIZE : 0;
      for (gsize at = size - EOCD_MIN_SIZE + 1; at-- > lowest;)
        if (memcmp (data + at, end_record, sizeof end_record) == 0)
          return TRUE;
    }

  return refuse (error, ZICHA_PACKAGE_ERROR_TRUNCATED,
                 _("The package is incomplete: its end is missing. It may have been cut short while copying or downloading."));
}

static gboolean
read_failed (struct archive  *archive,
             const char      *path,
             GError         **error)
{
  const char *message = archive_error_string (archive);

  if (message == NULL)
    message = "";

  if (strstr (message, "runcated") != NULL || strstr (message, "premature end") != NULL)
    return refuse (error, ZICHA_PACKAGE_ERROR_TRUNCATED,
                   _("The package is incomplete (%s). It may have been cut short while copying or downloading."),
                   message);

  if (path != NULL)
    return refuse (error, ZICHA_PACKAGE_ERROR_DAMAGED,
                   _("The package is damaged: “%s” cannot be read (%s)."), path, message);

  return refuse (error, ZICHA_PACKAGE_ERROR_DAMAGED, _("The package is damaged (%s)."), message);
}

/* Names: checked before anything else about an entry. */
static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return refuse (error, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                   _("The package has an entry without a readable name."));

  if (name[0] == '/' || name[0] == '\\' ||
      (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return refuse (error, ZICHA_PACKAGE_ERROR_ABSOLUTE_PATH,
                   _("The package has an entry with an absolute path, “%s”. It was refused: "
                     "it could write outside its folder."), name);

  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return refuse (error, ZICHA_PACKAGE_ERROR_PATH_TRAVERSAL,
                     _("The package has an entry “%s” that climbs out of its folder with “..”. It was refused."),
                     name);

  return TRUE;
}

/* Only plain files, and the two folders of the layout. */
static gboolean
check_kind (struct archive_entry  *entry,
            const char            *name,
            gboolean              *is_directory,
            GError               **error)
{
  *is_directory = FALSE;

  if (archive_entry_hardlink (entry) != NULL)
    return refuse (error, ZICHA_PACKAGE_ERROR_NOT_A_FILE,
                   _("The package entry “%s” is a hard link; a package holds only plain files."), name);

  switch (archive_entry_filetype (entry))
    {
    case AE_IFREG:
      return TRUE;
    case AE_IFDIR:
      if (g_str_equal (name, ZICHA_PACKAGE_ATTACHMENTS_DIR) || g_str_equal (name, ZICHA_PACKAGE_DOCUMENTS_DIR))
        {
          *is_directory = TRUE;
          return TRUE;
        }
      return refuse (error, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                     _("The package has a folder “%s” that a package does not have."), name);
    case AE_IFLNK:
      return refuse (error, ZICHA_PACKAGE_ERROR_NOT_A_FILE,
                     _("The package entry “%s” is a symbolic link; a package holds only plain files."), name);
    default:
      return refuse (error, ZICHA_PACKAGE_ERROR_NOT_A_FILE,
                     _("The package entry “%s” is a device or another special file; "
                       "a package holds only plain files."), name);
    }
}

static gboolean
entry_too_large (GError                    **error,
                 const char                 *name,
                 const ZichaPackageLimits   *limits)
{
  g_autofree char *limit = g_format_size (limits->max_entry_size);

  return refuse (error, ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE,
                 _("The package entry “%s” is larger than %s, the most one entry may hold."), name, limit);
}

/* Decompresses one entry, counting every byte against both limits.
 * libarchive writes straight into the entry's buffer, sized from the
 * header's size (a hint only: a header that lies costs a reallocation),
 * so a large entry is neither copied through a bounce buffer nor
 * reallocated while it grows. The hint is trusted up to
 * TRUSTED_HINT and what the package may still unpack to: beyond that
 * the buffer grows as the bytes really come. */
static GBytes *
read_data (struct archive            *archive,
           const char                *name,
           const ZichaPackageLimits  *limits,
           gsize                      size_hint,
           gsize                     *total,
           GError                   **error)
{
  /* Every read asks for READ_BLOCK bytes and leaves room for the NUL. */
  enum { READ_BLOCK = 64 * 1024, TRUSTED_HINT = 8 * 1024 * 1024 };
  gsize capacity = MIN (MIN (size_hint, limits->max_entry_size),
                        MIN ((gsize) TRUSTED_HINT, limits->max_total_size - *total)) + READ_BLOCK + 1;
  g_autofree guint8 *data = g_try_malloc (capacity);
  gsize length = 0;

  if (data == NULL)
    data = g_malloc (capacity = READ_BLOCK + 1);

  for (;;)
    {
      la_ssize_t n;

      if (capacity - length < READ_BLOCK + 1)
        {
          capacity = MAX (capacity * 2, length + READ_BLOCK + 1);
          data = g_realloc (data, capacity);
        }

      n = archive_read_data (archive, data + length, READ_BLOCK);
      if (n == 0)
        break;
      if (n < 0)
        {
          read_failed (archive, name, error);
          return NULL;
        }

      if ((gsize) n > limits->max_entry_size - length)
        {
          entry_too_large (error, name, limits);
          return NULL;
        }
      if ((gsize) n > limits->max_total_size - *total)
        {
          g_autofree char *limit = g_format_size (limits->max_total_size);

          refuse (error, ZICHA_PACKAGE_ERROR_TOTAL_TOO_LARGE,
                  _("The package unpacks to more than %s. It was refused: it may be a “zip bomb”."), limit);
          return NULL;
        }

      *total += n;
      length += n;
    }

  /* A NUL after the end, not counted: JSON parsers can never read past
   * an entry, and even an empty entry has data. The unused room goes
   * back (glibc shrinks a block in place). */
  data[length] = 0;
  data = g_realloc (data, length + 1);
  {
    g_autoptr(GBytes) terminated = g_bytes_new_take (g_steal_pointer (&data), length + 1);

    return g_bytes_new_from_bytes (terminated, 0, length);
  }
}

GHashTable *
_zicha_package_read_entries (GBytes                    *package,
                             const ZichaPackageLimits  *limits,
                             GError                   **error)
{
  return _zicha_package_read_entries_full (package, limits, _zicha_package_is_layout_file, error);
}

GHashTable *
_zicha_package_read_entries_full (GBytes                    *package,
                                  const ZichaPackageLimits  *limits,
                                  ZichaPackageLayoutFunc     is_layout_file,
                                  GError                   **error)
{
  g_autoptr(ZichaArchiveRead) archive = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct archive_entry *entry;
  const guint8 *data;
  gsize size;
  gsize total = 0;
  guint count = 0;
  int rc;

  if (limits == NULL)
    limits = zicha_package_limits_default ();

  data = g_bytes_get_data (package, &size);
  if (size > limits->max_package_size)
    {
      g_autofree char *limit = g_format_size (limits->max_package_size);

      refuse (error, ZICHA_PACKAGE_ERROR_TOO_LARGE, _("The package is larger than %s, the most a package may be."),
              limit);
      return NULL;
    }

  if (!sniff (data, size, error))
    return NULL;

  archive = archive_read_new ();
  /* The seekable reader goes by the central directory, the index that ZIP
   * tools show, so what is checked is what others see. */
  if (archive_read_support_format_zip_seekable (archive) != ARCHIVE_OK ||
      archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      read_failed (archive, NULL, error);
      return NULL;
    }

  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      g_autoptr(GBytes) contents = NULL;
      gboolean is_directory;

      if (++count > limits->max_entries)
        {
          refuse (error, ZICHA_PACKAGE_ERROR_TOO_MANY_ENTRIES,
                  _("The package has more than %u entries, the most a package may have."), limits->max_entries);
          return NULL;
        }

      if (!check_name (name, error) || !check_kind (entry, name, &is_directory, error))
        return NULL;

      if (g_hash_table_contains (seen, name))
        {
          refuse (error, ZICHA_PACKAGE_ERROR_DUPLICATE_ENTRY,
                  _("The package has two entries named “%s”. It was refused: it is not clear which one counts."),
                  name);
          return NULL;
        }
      g_hash_table_add (seen, g_strdup (name));

      if (!is_directory && !is_layout_file (name))
        {
          refuse (error, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                  _("The package has an entry “%s” that a package does not have."), name);
          return NULL;
        }

      if (archive_entry_is_encrypted (entry))
        {
          refuse (error, ZICHA_PACKAGE_ERROR_DAMAGED,
                  _("The package entry “%s” is encrypted; packages are never encrypted."), name);
          return NULL;
        }

      /* A header that admits to too much is refused at once; one that
       * lies is caught while reading. */
      if (archive_entry_size_is_set (entry) && archive_entry_size (entry) >= 0 &&
          (guint64) archive_entry_size (entry) > limits->max_entry_size)
        {
          entry_too_large (error, name, limits);
          return NULL;
        }

      contents = read_data (archive, name, limits,
                            archive_entry_size_is_set (entry) && archive_entry_size (entry) > 0
                            ? (gsize) archive_entry_size (entry) : 0,
                            &total, error);
      if (contents == NULL)
        return NULL;

      if (is_directory)
        {
          if (g_bytes_get_size (contents) != 0)
            {
              refuse (error, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                      _("The package folder “%s” has contents of its own."), name);
              return NULL;
            }
          continue;
        }

      g_hash_table_insert (entries, g_strdup (name), g_steal_pointer (&contents));
    }

  if (rc != ARCHIVE_EOF)
    {
      read_failed (archive, NULL, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
