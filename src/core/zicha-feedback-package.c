/* zicha-feedback-package.c — builds and verifies feedback packages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ZIP is written with libarchive into memory, feedback.json first,
 * like zicha-package-export.c writes a report; it is read back with the
 * package reader and its limits (zicha-package-reader.c).
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>

#include "zicha-canonical-json.h"
#include "zicha-digest.h"
#include "zicha-feedback-package.h"
#include "zicha-package-private.h"

G_DEFINE_QUARK (zicha-feedback-error-quark, zicha_feedback_error)

typedef struct archive ZichaArchiveWrite;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaArchiveWrite, archive_write_free)

typedef struct archive_entry ZichaArchiveEntry;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaArchiveEntry, archive_entry_free)

void
zicha_feedback_info_free (ZichaFeedbackInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->notice_id);
  g_free (info->feedback_uuid);
  g_free (info->unit_code);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_clear_pointer (&info->rectified_at, g_date_time_unref);
  g_free (info->actions);
  g_free (info->contact_name);
  g_free (info->contact_phone);
  g_free (info->retest_result);
  g_clear_pointer (&info->attachments, g_ptr_array_unref);
  g_free (info->digest);
  g_free (info);
}

/* feedback.json ------------------------------------------------------------- */

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set_time_member (JsonObject *object,
                 const char *name,
                 GDateTime  *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    {
      json_object_set_null_member (object, name);
      return;
    }

  text = format_time (time);
  json_object_set_string_member (object, name, text);
}

char *
zicha_feedback_document_to_string (const ZichaFeedback *feedback,
                                   GPtrArray           *attachments)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *contact = json_object_new ();
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (feedback != NULL, NULL);

  json_object_set_int_member (object, "format_version", ZICHA_FEEDBACK_FORMAT_VERSION);
  json_object_set_string_member (object, "notice_id", feedback->notice_id);
  json_object_set_string_member (object, "feedback_uuid", feedback->uuid);
  json_object_set_string_member (object, "unit_code", feedback->unit_code);
  set_time_member (object, "created", feedback->created);
  json_object_set_boolean_member (object, "rectified", feedback->rectified);
  set_time_member (object, "rectified_at", feedback->completed_at);
  json_object_set_string_member (object, "actions", feedback->measures);
  json_object_set_string_member (object, "retest_result", feedback->retest_result);
  json_object_set_string_member (contact, "name", feedback->responsible);
  json_object_set_string_member (contact, "phone", feedback->phone != NULL ? feedback->phone : "");
  json_object_set_object_member (object, "contact", contact);

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const ZichaAttachment *attachment = attachments->pdata[i];
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "uuid", attachment->uuid);
      json_object_set_string_member (member, "file_name", attachment->file_name);
      json_object_set_string_member (member, "media_type", attachment->media_type);
      json_object_set_int_member (member, "size", attachment->size);
      json_object_set_string_member (member, "sha256", attachment->sha256);
      set_time_member (member, "added", attachment->added);
      json_array_add_object_element (array, member);
    }
  json_object_set_array_member (object, "attachments", array);

  json_node_take_object (root, object);
  return zicha_canonical_json_to_string (root);
}

/* Building ------------------------------------------------------------------ */

static la_ssize_t
write_to_array (struct archive *archive,
                void           *client_data,
                const void     *buffer,
                size_t          length)
{
  g_byte_array_append (client_data, buffer, length);
  return (la_ssize_t) length;
}

static gboolean
write_failed (struct archive  *archive,
              GError         **error)
{
  g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_WRITE_FAILED,
               _("Could not write the feedback package: %s"),
               archive_error_string (archive) != NULL ? archive_error_string (archive) : "?");
  return FALSE;
}

static gboolean
write_entry (struct archive  *archive,
             const char      *path,
             GBytes          *contents,
             GDateTime       *time,
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
    return write_failed (archive, error);

  while (size > 0)
    {
      la_ssize_t written = archive_write_data (archive, data, size);

      if (written <= 0)
        return write_failed (archive, error);
      data += written;
      size -= written;
    }

  return TRUE;
}

GBytes *
zicha_feedback_package_build (ZichaStore  *store,
                              const char  *feedback_uuid,
                              char       **digest,
                              GError     **error)
{
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(ZichaArchiveWrite) archive = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autofree char *computed = NULL;
  char *text;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (feedback_uuid != NULL, NULL);

  feedback = zicha_store_get_feedback (store, feedback_uuid, error);
  if (feedback == NULL)
    return NULL;
  attachments = zicha_store_list_feedback_attachments (store, feedback_uuid, error);
  if (attachments == NULL)
    return NULL;

  text = zicha_feedback_document_to_string (feedback, attachments);
  document = g_bytes_new_take (text, strlen (text));
  computed = zicha_sha256_hex_for_bytes (document);
  if (g_strcmp0 (computed, feedback->digest) != 0)
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH,
                   _("The feedback in the database no longer has the digest it was made with. "
                     "The database may be damaged; restore a backup."));
      return NULL;
    }

  buffer = g_byte_array_new ();
  archive = archive_write_new ();
  if (archive_write_set_format_zip (archive) != ARCHIVE_OK ||
      archive_write_zip_set_compression_deflate (archive) != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block (archive, 1) != ARCHIVE_OK ||
      archive_write_open2 (archive, buffer, NULL, write_to_array, NULL, NULL) != ARCHIVE_OK)
    {
      write_failed (archive, error);
      return NULL;
    }

  if (!write_entry (archive, ZICHA_FEEDBACK_DOCUMENT_PATH, document, feedback->created, error))
    return NULL;

  for (guint i = 0; i < attachments->len; i++)
    {
      const ZichaAttachment *attachment = attachments->pdata[i];
      g_autoptr(GBytes) contents = zicha_store_read_feedback_attachment (store, attachment->uuid, error);
      g_autofree char *sha256 = NULL;
      g_autofree char *path = NULL;

      if (contents == NULL)
        return NULL;
      sha256 = zicha_sha256_hex_for_bytes (contents);
      if ((gint64) g_bytes_get_size (contents) != attachment->size || !g_str_equal (sha256, attachment->sha256))
        {
          g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_HASH_MISMATCH,
                       _("The evidence file “%s” in the database does not match its recorded SHA-256. "
                         "The database may be damaged; restore a backup."),
                       attachment->file_name);
          return NULL;
        }

      path = _zicha_package_attachment_path (attachment->uuid);
      if (!write_entry (archive, path, contents, feedback->created, error))
        return NULL;
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      write_failed (archive, error);
      return NULL;
    }

  if (digest != NULL)
    *digest = g_steal_pointer (&computed);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* Verifying ----------------------------------------------------------------- */

static gboolean
is_feedback_layout_file (const char *path)
{
  if (g_str_equal (path, ZICHA_FEEDBACK_DOCUMENT_PATH))
    return TRUE;

  return g_str_has_prefix (path, ZICHA_PACKAGE_ATTACHMENTS_DIR) &&
         _zicha_package_is_lower_uuid (path + strlen (ZICHA_PACKAGE_ATTACHMENTS_DIR));
}

static gboolean invalid (GError     **error,
                         const char  *format,
                         ...) G_GNUC_PRINTF (2, 3);

/* The messages go to the platform's log and to the client as "detail":
 * English, not translated (the server answers in one language). */
static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, ZICHA_FEEDBACK_ERROR, ZICHA_FEEDBACK_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
only_members (JsonObject          *object,
              const char          *parent,
              const char * const  *allowed,
              GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return invalid (error, "%s has an unknown member “%s”", parent, (const char *) l->data);

  for (guint i = 0; allowed[i] != NULL; i++)
    if (!json_object_has_member (object, allowed[i]))
      return invalid (error, "%s has no member “%s”", parent, allowed[i]);

  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *parent,
            const char  *name,
            guint        max_chars,
            gboolean     may_be_empty,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, "%s.%s is not a string", parent, name);

  text = json_node_get_string (node);
  if (!may_be_empty && *text == '\0')
    return invalid (error, "%s.%s is empty", parent, name);
  if (g_utf8_strlen (text, -1) > max_chars)
    return invalid (error, "%s.%s is longer than %u characters", parent, name, max_chars);

  *out = g_strdup (text);
  return TRUE;
}

static gboolean
get_uuid (JsonObject  *object,
          const char  *parent,
          const char  *name,
          char       **out,
          GError     **error)
{
  g_autofree char *text = NULL;

  if (!get_string (object, parent, name, 36, FALSE, &text, error))
    return FALSE;
  if (!_zicha_package_is_lower_uuid (text))
    return invalid (error, "%s.%s is not a lower-case UUID", parent, name);

  *out = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          const char  *parent,
          const char  *name,
          gboolean     nullable,
          GDateTime  **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *back = NULL;
  const char *text;

  *out = NULL;
  if (nullable && node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, "%s.%s is not a time", parent, name);

  text = json_node_get_string (node);
  *out = g_date_time_new_from_iso8601 (text, utc);
  if (*out == NULL)
    return invalid (error, "%s.%s is not an ISO 8601 time", parent, name);

  /* UTC with seconds, as written. */
  back = format_time (*out);
  if (!g_str_equal (back, text))
    {
      g_clear_pointer (out, g_date_time_unref);
      return invalid (error, "%s.%s is not written as UTC with seconds (%s)", parent, name, back);
    }

  return TRUE;
}

static gboolean
read_attachments (ZichaFeedbackInfo  *info,
                  JsonObject         *root,
                  GHashTable         *entries,
                  GError            **error)
{
  static const char * const allowed[] = { "uuid", "file_name", "media_type", "size", "sha256", "added", NULL };
  JsonNode *node = json_object_get_member (root, "attachments");
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "feedback.attachments is not an array");
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *parent = g_strdup_printf ("feedback.attachments[%u]", i);
      g_autoptr(ZichaAttachment) attachment = g_new0 (ZichaAttachment, 1);
      g_autofree char *path = NULL;
      g_autofree char *sha256 = NULL;
      JsonObject *object;
      JsonNode *size;
      GBytes *contents;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, "%s is not an object", parent);
      object = json_node_get_object (element);

      if (!only_members (object, parent, allowed, error) ||
          !get_uuid (object, parent, "uuid", &attachment->uuid, error) ||
          !get_string (object, parent, "file_name", 255, FALSE, &attachment->file_name, error) ||
          !get_string (object, parent, "media_type", 255, FALSE, &attachment->media_type, error) ||
          !get_string (object, parent, "sha256", 64, FALSE, &attachment->sha256, error) ||
          !get_time (object, parent, "added", FALSE, &attachment->added, error))
        return FALSE;

      size = json_object_get_member (object, "size");
      if (!JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64 ||
          json_node_get_int (size) < 0)
        return invalid (error, "%s.size is not a size", parent);
      attachment->size = json_node_get_int (size);
      if (!zicha_digest_is_valid_sha256 (attachment->sha256))
        return invalid (error, "%s.sha256 is not 64 lower-case hexadecimal characters", parent);
      if (strchr (attachment->file_name, '/') != NULL || strchr (attachment->file_name, '\\') != NULL)
        return invalid (error, "%s.file_name has a path in it", parent);

      if (!g_hash_table_add (listed, g_strdup (attachment->uuid)))
        return invalid (error, "%s lists the evidence file %s twice", parent, attachment->uuid);

      path = _zicha_package_attachment_path (attachment->uuid);
      contents = g_hash_table_lookup (entries, path);
      if (contents == NULL)
        {
          g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_MISSING_ENTRY,
                       _("The feedback package lacks the evidence file “%s” that it lists."), path);
          return FALSE;
        }
      sha256 = zicha_sha256_hex_for_bytes (contents);
      if ((gint64) g_bytes_get_size (contents) != attachment->size || !g_str_equal (sha256, attachment->sha256))
        {
          g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_HASH_MISMATCH,
                       _("The feedback package entry “%s” is not what feedback.json says (size or SHA-256 differ): "
                         "the package was changed or damaged."), path);
          return FALSE;
        }

      g_ptr_array_add (info->attachments, g_steal_pointer (&attachment));
    }

  /* Every entry but feedback.json is a listed evidence file. */
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *path = key;

      if (g_str_equal (path, ZICHA_FEEDBACK_DOCUMENT_PATH))
        continue;
      if (!g_hash_table_contains (listed, path + strlen (ZICHA_PACKAGE_ATTACHMENTS_DIR)))
        {
          g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY,
                       _("The feedback package has an entry “%s” that feedback.json does not list."), path);
          return FALSE;
        }
    }

  return TRUE;
}

ZichaFeedbackInfo *
zicha_feedback_package_verify (GBytes                    *package,
                               const ZichaPackageLimits  *limits,
                               GError                   **error)
{
  static const char * const allowed[] = {
    "format_version", "notice_id", "feedback_uuid", "unit_code", "created", "rectified",
    "rectified_at", "actions", "retest_result", "contact", "attachments", NULL
  };
  static const char * const contact_allowed[] = { "name", "phone", NULL };
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ZichaFeedbackInfo) info = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *canonical = NULL;
  GBytes *document;
  const char *text;
  gsize length;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (package != NULL, NULL);

  entries = _zicha_package_read_entries_full (package, limits, is_feedback_layout_file, error);
  if (entries == NULL)
    return NULL;

  document = g_hash_table_lookup (entries, ZICHA_FEEDBACK_DOCUMENT_PATH);
  if (document == NULL)
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_MISSING_ENTRY,
                   _("The feedback package has no feedback.json."));
      return NULL;
    }

  text = g_bytes_get_data (document, &length);
  if (!g_utf8_validate_len (text, length, NULL) ||
      !json_parser_load_from_data (parser, text, length, &parse_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "feedback.json is not a JSON object");
      return NULL;
    }

  canonical = zicha_canonical_json_to_string (root);
  if (strlen (canonical) != length || memcmp (canonical, text, length) != 0)
    {
      invalid (error, "feedback.json is not written canonically (sorted keys, no white space)");
      return NULL;
    }

  object = json_node_get_object (root);
  info = g_new0 (ZichaFeedbackInfo, 1);
  info->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_attachment_free);

  if (!only_members (object, "feedback", allowed, error))
    return NULL;

  member = json_object_get_member (object, "format_version");
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
    {
      invalid (error, "feedback.format_version is not an integer");
      return NULL;
    }
  if (json_node_get_int (member) != ZICHA_FEEDBACK_FORMAT_VERSION)
    {
      invalid (error, "feedback.format_version %" G_GINT64_FORMAT " is not supported (this platform reads %d)",
               json_node_get_int (member), ZICHA_FEEDBACK_FORMAT_VERSION);
      return NULL;
    }

  member = json_object_get_member (object, "rectified");
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
    {
      invalid (error, "feedback.rectified is not a boolean");
      return NULL;
    }
  info->rectified = json_node_get_boolean (member);

  member = json_object_get_member (object, "contact");
  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      invalid (error, "feedback.contact is not an object");
      return NULL;
    }

  if (!get_uuid (object, "feedback", "notice_id", &info->notice_id, error) ||
      !get_uuid (object, "feedback", "feedback_uuid", &info->feedback_uuid, error) ||
      !get_string (object, "feedback", "unit_code", 64, FALSE, &info->unit_code, error) ||
      !get_time (object, "feedback", "created", FALSE, &info->created, error) ||
      !get_time (object, "feedback", "rectified_at", TRUE, &info->rectified_at, error) ||
      !get_string (object, "feedback", "actions", ZICHA_FEEDBACK_MAX_TEXT, FALSE, &info->actions, error) ||
      !get_string (object, "feedback", "retest_result", ZICHA_FEEDBACK_MAX_TEXT, TRUE, &info->retest_result, error) ||
      !only_members (json_node_get_object (member), "feedback.contact", contact_allowed, error) ||
      !get_string (json_node_get_object (member), "feedback.contact", "name", ZICHA_FEEDBACK_MAX_SHORT_TEXT, TRUE,
                   &info->contact_name, error) ||
      !get_string (json_node_get_object (member), "feedback.contact", "phone", ZICHA_FEEDBACK_MAX_SHORT_TEXT, TRUE,
                   &info->contact_phone, error) ||
      !read_attachments (info, object, entries, error))
    return NULL;

  info->digest = zicha_sha256_hex_for_bytes (document);
  return g_steal_pointer (&info);
}
