/* zicha-package-manifest.c — manifest.json of a .zicha package, written
 * canonically and read strictly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-package"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zicha-canonical-json.h"
#include "zicha-digest.h"
#include "zicha-package-private.h"

/* Longest texts the manifest may carry, in bytes. */
#define MAX_NAME_LENGTH 1024

static void
entry_free (ZichaPackageEntry *entry)
{
  g_free (entry->path);
  g_free (entry->sha256);
  g_free (entry);
}

ZichaPackageManifest *
_zicha_package_manifest_new (void)
{
  ZichaPackageManifest *manifest = g_new0 (ZichaPackageManifest, 1);

  manifest->format_version = ZICHA_PACKAGE_FORMAT_VERSION;
  manifest->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  manifest->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_attachment_free);
  return manifest;
}

void
_zicha_package_manifest_free (ZichaPackageManifest *manifest)
{
  if (manifest == NULL)
    return;

  g_clear_pointer (&manifest->created, g_date_time_unref);
  g_free (manifest->app_version);
  g_free (manifest->form_id);
  g_free (manifest->report_uuid);
  g_free (manifest->unit_name);
  g_free (manifest->unit_code);
  g_free (manifest->based_on_uuid);
  g_clear_pointer (&manifest->report_created, g_date_time_unref);
  g_clear_pointer (&manifest->finalized, g_date_time_unref);
  g_free (manifest->digest);
  g_ptr_array_unref (manifest->entries);
  g_ptr_array_unref (manifest->attachments);
  g_free (manifest);
}

void
_zicha_package_manifest_add_entry (ZichaPackageManifest *manifest,
                                   const char           *path,
                                   GBytes               *contents)
{
  ZichaPackageEntry *entry = g_new0 (ZichaPackageEntry, 1);

  entry->path = g_strdup (path);
  entry->size = g_bytes_get_size (contents);
  entry->sha256 = zicha_sha256_hex_for_bytes (contents);
  g_ptr_array_add (manifest->entries, entry);
}

const ZichaPackageEntry *
_zicha_package_manifest_lookup_entry (ZichaPackageManifest *manifest,
                                      const char           *path)
{
  for (guint i = 0; i < manifest->entries->len; i++)
    {
      const ZichaPackageEntry *entry = g_ptr_array_index (manifest->entries, i);

      if (g_str_equal (entry->path, path))
        return entry;
    }

  return NULL;
}

/* Writing ----------------------------------------------------------------- */

/* As the store writes times: ISO 8601, UTC, seconds. */
static void
set_time_member (JsonObject *object,
                 const char *name,
                 GDateTime  *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    {
      json_object_set_null_member (object, name);
      return;
    }

  utc = g_date_time_to_utc (time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  json_object_set_string_member (object, name, text);
}

static void
set_nullable_string_member (JsonObject *object,
                            const char *name,
                            const char *text)
{
  if (text == NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, text);
}

char *
_zicha_package_manifest_to_string (ZichaPackageManifest *manifest)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonObject *report = json_object_new ();
  JsonArray *entries = json_array_new ();
  JsonArray *attachments = json_array_new ();

  json_object_set_int_member (object, "format_version", manifest->format_version);
  set_time_member (object, "created", manifest->created);
  json_object_set_string_member (object, "app_version", manifest->app_version);

  json_object_set_string_member (form, "id", manifest->form_id);
  json_object_set_int_member (form, "version", manifest->form_version);
  json_object_set_object_member (object, "form", form);

  json_object_set_string_member (report, "uuid", manifest->report_uuid);
  json_object_set_int_member (report, "revision", manifest->revision);
  json_object_set_int_member (report, "year", manifest->year);
  json_object_set_string_member (report, "state", zicha_report_state_to_string (manifest->state));
  json_object_set_string_member (report, "unit_name", manifest->unit_name);
  json_object_set_string_member (report, "unit_code", manifest->unit_code);
  set_nullable_string_member (report, "based_on", manifest->based_on_uuid);
  set_time_member (report, "created", manifest->report_created);
  set_time_member (report, "finalized", manifest->finalized);
  json_object_set_string_member (report, "digest", manifest->digest);
  json_object_set_object_member (object, "report", report);

  for (guint i = 0; i < manifest->entries->len; i++)
    {
      const ZichaPackageEntry *entry = g_ptr_array_index (manifest->entries, i);
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "path", entry->path);
      json_object_set_int_member (member, "size", entry->size);
      json_object_set_string_member (member, "sha256", entry->sha256);
      json_array_add_object_element (entries, member);
    }
  json_object_set_array_member (object, "entries", entries);

  for (guint i = 0; i < manifest->attachments->len; i++)
    {
      const ZichaAttachment *attachment = g_ptr_array_index (manifest->attachments, i);
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "uuid", attachment->uuid);
      json_object_set_string_member (member, "field_path", attachment->field_path);
      set_nullable_string_member (member, "row_id",
                                  attachment->row_uuid != NULL && *attachment->row_uuid != '\0'
                                  ? attachment->row_uuid : NULL);
      json_object_set_string_member (member, "file_name", attachment->file_name);
      json_object_set_string_member (member, "media_type", attachment->media_type);
      json_object_set_int_member (member, "size", attachment->size);
      json_object_set_string_member (member, "sha256", attachment->sha256);
      set_time_member (member, "added", attachment->added);
      json_array_add_object_element (attachments, member);
    }
  json_object_set_array_member (object, "attachments", attachments);

  json_node_take_object (root, object);
  return zicha_canonical_json_to_string (root);
}

/* Reading ----------------------------------------------------------------- */

static gboolean malformed (GError     **error,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);

static gboolean
malformed (GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST,
               _("The package's manifest.json is not valid: %s"), detail);
  return FALSE;
}

/* "report.year" for messages. */
static char *
member_path (const char *parent,
             const char *name)
{
  return parent != NULL ? g_strconcat (parent, ".", name, NULL) : g_strdup (name);
}

static gboolean
check_members (JsonObject          *object,
               const char          *parent,
               const char * const  *names,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (names, l->data))
      {
        g_autofree char *path = member_path (parent, l->data);

        return malformed (error, _("it has an unknown member “%s”."), path);
      }

  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (object, names[i]))
      {
        g_autofree char *path = member_path (parent, names[i]);

        return malformed (error, _("“%s” is missing."), path);
      }

  return TRUE;
}

static gboolean
is_clean_text (const char *text,
               gsize       max_length)
{
  gsize length = strlen (text);

  if (length > max_length || !g_utf8_validate (text, length, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Line breaks and tabs are text; escape sequences are not. */
      if ((g_unichar_iscntrl (c) && c != '\n' && c != '\r' && c != '\t') || c == 0x2028 || c == 0x2029)
        return FALSE;
    }

  return TRUE;
}

/* A string member; with @nullable, JSON null gives NULL. Text must be
 * UTF-8 without control characters. */
static gboolean
get_string (JsonObject   *object,
            const char   *parent,
            const char   *name,
            gboolean      nullable,
            const char  **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = member_path (parent, name);

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return malformed (error, nullable ? _("“%s” must be text or null.") : _("“%s” must be text."), path);

  *out = json_node_get_string (node);
  if (!is_clean_text (*out, MAX_NAME_LENGTH))
    return malformed (error, _("“%s” is too long or has control characters other than line breaks and tabs."), path);

  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *parent,
         const char  *name,
         gint64       minimum,
         gint64       maximum,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = member_path (parent, name);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < minimum || json_node_get_int (node) > maximum)
    return malformed (error, _("“%s” must be a whole number from %lld to %lld."),
                      path, (long long) minimum, (long long) maximum);

  *out = json_node_get_int (node);
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
  const char *text = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *path = member_path (parent, name);

  if (!get_string (object, parent, name, nullable, &text, error))
    return FALSE;

  if (text == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  *out = g_date_time_new_from_iso8601 (text, utc);
  if (*out == NULL)
    return malformed (error, _("“%s” must be a time like 2019-07-10T08:00:00Z."), path);

  return TRUE;
}

static gboolean
get_uuid (JsonObject   *object,
          const char   *parent,
          const char   *name,
          gboolean      nullable,
          const char  **out,
          GError      **error)
{
  g_autofree char *path = member_path (parent, name);

  if (!get_string (object, parent, name, nullable, out, error))
    return FALSE;

  if (*out != NULL && !_zicha_package_is_lower_uuid (*out))
    return malformed (error, _("“%s” must be a lower-case UUID."), path);

  return TRUE;
}

static gboolean
get_sha256 (JsonObject   *object,
            const char   *parent,
            const char   *name,
            const char  **out,
            GError      **error)
{
  g_autofree char *path = member_path (parent, name);

  if (!get_string (object, parent, name, FALSE, out, error))
    return FALSE;

  if (!zicha_digest_is_valid_sha256 (*out))
    return malformed (error, _("“%s” must be a SHA-256 in lower-case hex."), path);

  return TRUE;
}

static JsonObject *
get_object (JsonObject  *object,
            const char  *parent,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = member_path (parent, name);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, _("“%s” must be an object."), path);
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      malformed (error, _("“%s” must be an array."), name);
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean
read_form (ZichaPackageManifest  *manifest,
           JsonObject            *root,
           GError               **error)
{
  static const char * const names[] = { "id", "version", NULL };
  JsonObject *form = get_object (root, NULL, "form", error);
  const char *id = NULL;
  gint64 version = 0;

  if (form == NULL ||
      !check_members (form, "form", names, error) ||
      !get_string (form, "form", "id", FALSE, &id, error) ||
      !get_int (form, "form", "version", 1, G_MAXUINT, &version, error))
    return FALSE;

  manifest->form_id = g_strdup (id);
  manifest->form_version = (guint) version;
  return TRUE;
}

static gboolean
read_report (ZichaPackageManifest  *manifest,
             JsonObject            *root,
             GError               **error)
{
  static const char * const names[] = {
    "uuid", "revision", "year", "state", "unit_name", "unit_code",
    "based_on", "created", "finalized", "digest", NULL
  };
  JsonObject *report = get_object (root, NULL, "report", error);
  const char *uuid = NULL, *state = NULL, *unit_name = NULL, *unit_code = NULL;
  const char *based_on = NULL, *digest = NULL;
  gint64 revision = 0, year = 0;

  if (report == NULL ||
      !check_members (report, "report", names, error) ||
      !get_uuid (report, "report", "uuid", FALSE, &uuid, error) ||
      !get_int (report, "report", "revision", 1, 10000, &revision, error) ||
      !get_int (report, "report", "year", 2000, 2100, &year, error) ||
      !get_string (report, "report", "state", FALSE, &state, error) ||
      !get_string (report, "report", "unit_name", FALSE, &unit_name, error) ||
      !get_string (report, "report", "unit_code", FALSE, &unit_code, error) ||
      !get_uuid (report, "report", "based_on", TRUE, &based_on, error) ||
      !get_time (report, "report", "created", FALSE, &manifest->report_created, error) ||
      !get_sha256 (report, "report", "digest", &digest, error))
    return FALSE;

  /* Only the two states a package carries. */
  if (g_str_equal (state, "draft"))
    manifest->state = ZICHA_REPORT_DRAFT;
  else if (g_str_equal (state, "finalized"))
    manifest->state = ZICHA_REPORT_FINALIZED;
  else
    return malformed (error, _("“report.state” must be “draft” or “finalized”."));

  if (!get_time (report, "report", "finalized", manifest->state == ZICHA_REPORT_DRAFT,
                 &manifest->finalized, error))
    return FALSE;
  if (manifest->state == ZICHA_REPORT_DRAFT && manifest->finalized != NULL)
    return malformed (error, _("a draft cannot have “report.finalized”."));

  manifest->report_uuid = g_strdup (uuid);
  manifest->revision = (int) revision;
  manifest->year = (int) year;
  manifest->unit_name = g_strdup (unit_name);
  manifest->unit_code = g_strdup (unit_code);
  manifest->based_on_uuid = g_strdup (based_on);
  manifest->digest = g_strdup (digest);
  return TRUE;
}

static gboolean
read_entries (ZichaPackageManifest  *manifest,
              JsonObject            *root,
              GError               **error)
{
  static const char * const names[] = { "path", "size", "sha256", NULL };
  JsonArray *array = get_array (root, "entries", error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *parent = g_strdup_printf ("entries[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      ZichaPackageEntry *entry;
      const char *path = NULL, *sha256 = NULL;
      gint64 size = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, _("“%s” must be an object."), parent);

      if (!check_members (json_node_get_object (node), parent, names, error) ||
          !get_string (json_node_get_object (node), parent, "path", FALSE, &path, error) ||
          !get_int (json_node_get_object (node), parent, "size", 0, G_MAXINT64, &size, error) ||
          !get_sha256 (json_node_get_object (node), parent, "sha256", &sha256, error))
        return FALSE;

      if (!_zicha_package_is_layout_file (path) || g_str_equal (path, ZICHA_PACKAGE_MANIFEST_PATH))
        return malformed (error, _("“%s” lists “%s”, which a package does not have."), parent, path);
      if (_zicha_package_manifest_lookup_entry (manifest, path) != NULL)
        return malformed (error, _("“%s” lists “%s” a second time."), parent, path);

      entry = g_new0 (ZichaPackageEntry, 1);
      entry->path = g_strdup (path);
      entry->size = size;
      entry->sha256 = g_strdup (sha256);
      g_ptr_array_add (manifest->entries, entry);
    }

  return TRUE;
}

static gboolean
read_attachments (ZichaPackageManifest  *manifest,
                  JsonObject            *root,
                  GError               **error)
{
  static const char * const names[] = {
    "uuid", "field_path", "row_id", "file_name", "media_type", "size", "sha256", "added", NULL
  };
  JsonArray *array = get_array (root, "attachments", error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *parent = g_strdup_printf ("attachments[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      g_autoptr(ZichaAttachment) attachment = g_new0 (ZichaAttachment, 1);
      const char *uuid = NULL, *field_path = NULL, *row_id = NULL;
      const char *file_name = NULL, *media_type = NULL, *sha256 = NULL;
      gint64 size = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, _("“%s” must be an object."), parent);
      object = json_node_get_object (node);

      if (!check_members (object, parent, names, error) ||
          !get_uuid (object, parent, "uuid", FALSE, &uuid, error) ||
          !get_string (object, parent, "field_path", FALSE, &field_path, error) ||
          !get_uuid (object, parent, "row_id", TRUE, &row_id, error) ||
          !get_string (object, parent, "file_name", FALSE, &file_name, error) ||
          !get_string (object, parent, "media_type", FALSE, &media_type, error) ||
          !get_int (object, parent, "size", 0, ZICHA_STORE_MAX_ATTACHMENT_SIZE, &size, error) ||
          !get_sha256 (object, parent, "sha256", &sha256, error) ||
          !get_time (object, parent, "added", FALSE, &attachment->added, error))
        return FALSE;

      if (*file_name == '\0' || *media_type == '\0' || *field_path == '\0')
        return malformed (error, _("“%s” has an empty field path, file name or media type."), parent);
      if (g_hash_table_contains (seen, uuid))
        return malformed (error, _("“%s” repeats the attachment “%s”."), parent, uuid);
      g_hash_table_add (seen, (gpointer) uuid);

      attachment->uuid = g_strdup (uuid);
      attachment->field_path = g_strdup (field_path);
      attachment->row_uuid = g_strdup (row_id);
      attachment->file_name = g_strdup (file_name);
      attachment->media_type = g_strdup (media_type);
      attachment->size = size;
      attachment->sha256 = g_strdup (sha256);
      g_ptr_array_add (manifest->attachments, g_steal_pointer (&attachment));
    }

  return TRUE;
}

ZichaPackageManifest *
_zicha_package_manifest_parse (const char  *text,
                               gsize        length,
                               GError     **error)
{
  static const char * const names[] = {
    "format_version", "created", "app_version", "form", "report", "entries", "attachments", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(ZichaPackageManifest) manifest = _zicha_package_manifest_new ();
  JsonNode *root;
  JsonObject *object;
  JsonNode *version;
  const char *app_version = NULL;

  /* An empty entry has no data at all (NULL). */
  if (text == NULL || length == 0)
    {
      malformed (error, _("it is empty."));
      return NULL;
    }

  if (!g_utf8_validate (text, length, NULL))
    {
      malformed (error, _("it is not UTF-8 text."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, length, &parse_error))
    {
      malformed (error, "%s", parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      malformed (error, _("it must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (root);

  /* The version first: a newer package may have members this build does
   * not know, and deserves "too new" rather than "unknown member". */
  version = json_object_get_member (object, "format_version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1)
    {
      malformed (error, _("“format_version” must be a whole number from 1."));
      return NULL;
    }
  if (json_node_get_int (version) > ZICHA_PACKAGE_FORMAT_VERSION)
    {
      g_set_error (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_UNSUPPORTED_VERSION,
                   _("This package was made by a newer version of Zicha (package format %lld; this version reads up to %d). "
                     "Install the newer version to import it."),
                   (long long) json_node_get_int (version), ZICHA_PACKAGE_FORMAT_VERSION);
      return NULL;
    }
  manifest->format_version = json_node_get_int (version);

  if (!check_members (object, NULL, names, error) ||
      !get_time (object, NULL, "created", FALSE, &manifest->created, error) ||
      !get_string (object, NULL, "app_version", FALSE, &app_version, error) ||
      !read_form (manifest, object, error) ||
      !read_report (manifest, object, error) ||
      !read_entries (manifest, object, error) ||
      !read_attachments (manifest, object, error))
    return NULL;

  manifest->app_version = g_strdup (app_version);
  return g_steal_pointer (&manifest);
}
