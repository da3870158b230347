/* zicha-package.c — what export and import share: errors, limits, the
 * layout, attachment links, reading the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zicha-package-private.h"

G_DEFINE_QUARK (zicha-package-error-quark, zicha_package_error)

const ZichaPackageLimits *
zicha_package_limits_default (void)
{
  static const ZichaPackageLimits limits = {
    .max_package_size = ZICHA_PACKAGE_MAX_SIZE,
    .max_entries = ZICHA_PACKAGE_MAX_ENTRIES,
    .max_entry_size = ZICHA_PACKAGE_MAX_ENTRY_SIZE,
    .max_total_size = ZICHA_PACKAGE_MAX_TOTAL_SIZE,
  };

  return &limits;
}

gboolean
_zicha_package_is_lower_uuid (const char *text)
{
  if (text == NULL || !g_uuid_string_is_valid (text))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

gboolean
_zicha_package_is_layout_file (const char *path)
{
  if (g_str_equal (path, ZICHA_PACKAGE_MANIFEST_PATH) ||
      g_str_equal (path, ZICHA_PACKAGE_ANSWERS_PATH) ||
      g_str_equal (path, ZICHA_PACKAGE_TABLE_PDF_PATH) ||
      g_str_equal (path, ZICHA_PACKAGE_REPORT_PDF_PATH))
    return TRUE;

  return g_str_has_prefix (path, ZICHA_PACKAGE_ATTACHMENTS_DIR) &&
         _zicha_package_is_lower_uuid (path + strlen (ZICHA_PACKAGE_ATTACHMENTS_DIR));
}

char *
_zicha_package_attachment_path (const char *attachment_uuid)
{
  return g_strconcat (ZICHA_PACKAGE_ATTACHMENTS_DIR, attachment_uuid, NULL);
}

static gboolean
does_not_fit (GError                 **error,
              const ZichaAttachment   *attachment,
              const char              *reason)
{
  g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT,
               _("The evidence file “%s” is linked to “%s”, which does not fit the form: %s"),
               attachment->file_name, attachment->field_path, reason);
  return FALSE;
}

gboolean
_zicha_package_check_attachment (ZichaForm              *form,
                                 const ZichaAttachment  *attachment,
                                 GError                **error)
{
  g_autofree char *row_in_path = NULL;
  ZichaFormItem *item;
  ZichaFormItemType type;
  gboolean has_row = attachment->row_uuid != NULL && *attachment->row_uuid != '\0';

  item = zicha_form_lookup_item (form, attachment->field_path, &row_in_path);
  if (item == NULL)
    return does_not_fit (error, attachment, _("the form has no such field."));

  /* One spelling only: the digest hashes the path as written. */
  if (row_in_path != NULL || !g_str_equal (attachment->field_path, zicha_form_item_get_path (item)))
    return does_not_fit (error, attachment, _("the field is not written the way the form writes it."));

  type = zicha_form_item_get_item_type (item);
  if (has_row && type != ZICHA_FORM_ITEM_TABLE && zicha_form_item_get_table (item) == NULL)
    return does_not_fit (error, attachment, _("only tables have rows."));
  if (!has_row && zicha_form_item_get_table (item) != NULL)
    return does_not_fit (error, attachment, _("a table cell needs its row."));
  if (has_row && !_zicha_package_is_lower_uuid (attachment->row_uuid))
    return does_not_fit (error, attachment, _("the row ID is not a UUID."));

  return TRUE;
}

GBytes *
zicha_package_load_file (const char  *path,
                         GError     **error)
{
  GStatBuf info;
  char *contents = NULL;
  gsize length = 0;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);

  if (g_stat (path, &info) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_NOT_A_ZIP,
                   _("“%s” is not a package file."), display);
      return NULL;
    }

  if ((guint64) info.st_size > ZICHA_PACKAGE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (info.st_size);
      g_autofree char *limit = g_format_size (ZICHA_PACKAGE_MAX_SIZE);

      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_TOO_LARGE,
                   _("“%s” is %s; a package can be at most %s."), display, size, limit);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  /* It may have grown since the check. */
  if (length > ZICHA_PACKAGE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (ZICHA_PACKAGE_MAX_SIZE);

      g_free (contents);
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_TOO_LARGE,
                   _("“%s” is larger than a package can be (%s)."), display, limit);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}
