/* test-package.c — .zicha packages: the round trip, the digest, and every
 * kind of bad package import must refuse without touching the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bad packages are made here, with libarchive, from a good export: the
 * entries are unpacked, changed and packed again. What libarchive will not
 * write (devices, headers that lie about sizes, damaged data) is made by
 * patching a few bytes of a ZIP it wrote.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "zicha-digest.h"
#include "zicha-package.h"
#include "zicha-report-session.h"
#include "zicha-test.h"

#define FORM_ID "small"
#define FORM_VERSION "3"

static const char small_form[] =
  "{'format_version': 1, 'id': 'small', 'version': 3, 'title': 'T', "
  "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A'}, "
  "'sections': ["
  "{'id': 'unit', 'title': 'U', 'items': ["
  "  {'id': 'name', 'type': 'text', 'label': 'L'}, "
  "  {'id': 'count', 'type': 'integer', 'label': 'L'}, "
  "  {'id': 'budget', 'type': 'decimal', 'label': 'L'}]}, "
  "{'id': 'objects', 'title': 'O', 'items': ["
  "  {'id': 'note', 'type': 'long_text', 'label': 'L'}, "
  "  {'id': 'systems', 'type': 'table', 'label': 'L', 'columns': ["
  "    {'id': 'name', 'type': 'text', 'label': 'L'}, {'id': 'level', 'type': 'integer', 'label': 'L'}]}]}"
  "]}";

static char *tmpdir;
static ZichaForm *form;
static ZichaStore *source;  /* where reports are made and exported */
static ZichaStore *target;  /* where packages are imported */

/* Fixtures ---------------------------------------------------------------- */

static ZichaStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  ZichaStore *store = zicha_store_open (path, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  zicha_store_set_author (store, "tester");
  return store;
}

static void
set (ZichaStore *store,
     const char *report,
     const char *path,
     const char *row,
     const char *single_quoted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = zicha_test_node (single_quoted);

  CU_ASSERT_TRUE (zicha_store_set_value (store, report, path, row, value, &error));
  CU_ASSERT_PTR_NULL (error);
}

static char *
attach (ZichaStore *store,
        const char *report,
        const char *path,
        const char *row,
        const char *name,
        const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (contents, strlen (contents));
  char *uuid = zicha_store_attach_bytes (store, report, path, row, name, "text/plain", bytes, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (uuid);
  return uuid;
}

/* A draft with plain values, two rows with cells, and two evidence
 * files: one on an item, one on a row's cell. */
static char *
make_report (ZichaStore *store,
             const char *unit_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *row_a = NULL;
  g_autofree char *row_b = NULL;
  g_autofree char *file_a = NULL;
  g_autofree char *file_b = NULL;
  g_autofree char *quoted = g_strdup_printf ("'%s'", unit_name);
  const char *uuid;

  report = zicha_store_create_report (store, FORM_ID, FORM_VERSION, unit_name, "12350200426600088D", 2019, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  uuid = zicha_report_get_uuid (report);

  set (store, uuid, "unit.name", NULL, quoted);
  set (store, uuid, "unit.count", NULL, "12");
  set (store, uuid, "unit.budget", NULL, "3.25");
  set (store, uuid, "objects.note", NULL, "'第一行\\n第二行 \\u0022引号\\u0022 \\\\'");
  row_a = zicha_store_add_row (store, uuid, "objects.systems", &error);
  row_b = zicha_store_add_row (store, uuid, "objects.systems", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (row_b);
  set (store, uuid, "objects.systems[].name", row_a, "'教务系统'");
  set (store, uuid, "objects.systems[].level", row_a, "2");
  set (store, uuid, "objects.systems[].name", row_b, "'网站群'");

  file_a = attach (store, uuid, "unit.name", NULL, "营业执照.txt", "license scan");
  file_b = attach (store, uuid, "objects.systems[].name", row_b, "备案证明.txt", "filing certificate");

  return g_strdup (uuid);
}

static char *
digest_of (ZichaStore *store,
           const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaAnswers) answers = zicha_store_load_answers (store, form, uuid, &error);
  g_autoptr(GPtrArray) attachments = zicha_store_list_attachments (store, uuid, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  CU_ASSERT_PTR_NOT_NULL_FATAL (attachments);
  return zicha_report_digest (answers, attachments);
}

static void
finalize (ZichaStore *store,
          const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = digest_of (store, uuid);

  CU_ASSERT_TRUE (zicha_store_finalize_report (store, uuid, digest, &error));
  CU_ASSERT_PTR_NULL (error);
}

static GBytes *
export (const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "export.zicha", NULL);
  GBytes *bytes;

  CU_ASSERT_TRUE_FATAL (zicha_package_export (source, form, uuid, NULL, NULL, path, &error));
  bytes = zicha_package_load_file (path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (bytes);
  return bytes;
}

static char *
canonical_answers (ZichaStore *store,
                   const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaAnswers) answers = zicha_store_load_answers (store, form, uuid, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  return zicha_answers_to_string (answers);
}

/* Everything the store holds that an import could change. */
static void
dump_answer (const char *field_path,
             const char *row_uuid,
             JsonNode   *value,
             gboolean    needs_review,
             gpointer    user_data)
{
  g_autofree char *text = json_to_string (value, FALSE);

  g_string_append_printf (user_data, "  %s [%s] = %s%s\n", field_path, row_uuid ? row_uuid : "",
                          text, needs_review ? " (review)" : "");
}

static char *
snapshot (ZichaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = zicha_store_list_reports (store, &error);
  GString *out = g_string_new (NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (reports);
  g_string_append_printf (out, "%u reports\n", reports->len);
  for (guint i = 0; i < reports->len; i++)
    {
      ZichaReport *report = g_ptr_array_index (reports, i);
      const char *uuid = zicha_report_get_uuid (report);
      g_autoptr(GPtrArray) attachments = zicha_store_list_attachments (store, uuid, &error);
      g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "objects.systems", &error);

      g_string_append_printf (out, "%s %s %s %s %d r%d %s\n", uuid,
                              zicha_report_state_to_string (zicha_report_get_state (report)),
                              zicha_report_get_unit_name (report), zicha_report_get_unit_code (report),
                              zicha_report_get_year (report), zicha_report_get_revision (report),
                              zicha_report_get_digest (report) ? zicha_report_get_digest (report) : "-");
      CU_ASSERT_TRUE (zicha_store_foreach_answer (store, uuid, dump_answer, out, &error));
      for (guint r = 0; rows != NULL && rows[r] != NULL; r++)
        g_string_append_printf (out, "  row %s\n", rows[r]);
      for (guint a = 0; attachments != NULL && a < attachments->len; a++)
        {
          ZichaAttachment *attachment = g_ptr_array_index (attachments, a);

          g_string_append_printf (out, "  file %s %s %s %s %s\n", attachment->uuid, attachment->field_path,
                                  attachment->row_uuid ? attachment->row_uuid : "-", attachment->file_name,
                                  attachment->sha256);
        }
    }

  return g_string_free (out, FALSE);
}

static void
setup (void)
{
  g_autofree char *existing = NULL;

  tmpdir = zicha_test_make_tmpdir ();
  form = zicha_test_load_form (small_form);
  source = open_store ("source.db");
  target = open_store ("target.db");

  /* The target is not empty: an import must leave this alone too. */
  existing = make_report (target, "已有学校");
}

static void
teardown (void)
{
  g_clear_object (&source);
  g_clear_object (&target);
  g_clear_object (&form);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/* Taking packages apart and putting them together ------------------------ */

typedef struct
{
  char   *path;
  GBytes *data;       /* NULL for directories and links */
  int     type;       /* AE_IFREG, AE_IFDIR, AE_IFLNK */
  char   *link;
} Part;

static void
part_free (Part *part)
{
  g_free (part->path);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_free (part->link);
  g_free (part);
}

static Part *
part_new (const char *path,
          const void *data,
          gsize       size)
{
  Part *part = g_new0 (Part, 1);

  part->path = g_strdup (path);
  part->data = g_bytes_new (data, size);
  part->type = AE_IFREG;
  return part;
}

static GPtrArray *
unpack (GBytes *zip)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  gsize size;
  const void *data = g_bytes_get_data (zip, &size);

  archive_read_support_format_zip_seekable (archive);
  CU_ASSERT_EQUAL_FATAL (archive_read_open_memory (archive, data, size), ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) contents = g_byte_array_new ();
      char buffer[4096];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (contents, (guint8 *) buffer, n);
      g_ptr_array_add (parts, part_new (archive_entry_pathname (entry), contents->data, contents->len));
    }
  archive_read_free (archive);
  return parts;
}

static la_ssize_t
append_to_array (struct archive *archive,
                 void           *user_data,
                 const void     *buffer,
                 size_t          length)
{
  g_byte_array_append (user_data, buffer, length);
  return length;
}

static GBytes *
pack (GPtrArray *parts)
{
  struct archive *archive = archive_write_new ();
  GByteArray *out = g_byte_array_new ();

  archive_write_set_format_zip (archive);
  archive_write_zip_set_compression_deflate (archive);
  archive_write_set_bytes_in_last_block (archive, 1);
  CU_ASSERT_EQUAL_FATAL (archive_write_open (archive, out, NULL, append_to_array, NULL), ARCHIVE_OK);

  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      struct archive_entry *entry = archive_entry_new ();
      gsize size = 0;
      const void *data = part->data != NULL ? g_bytes_get_data (part->data, &size) : NULL;

      archive_entry_set_pathname (entry, part->path);
      archive_entry_set_filetype (entry, part->type);
      archive_entry_set_perm (entry, part->type == AE_IFDIR ? 0755 : 0644);
      if (part->link != NULL)
        archive_entry_set_symlink (entry, part->link);
      archive_entry_set_size (entry, part->type == AE_IFREG ? size : 0);
      CU_ASSERT_EQUAL (archive_write_header (archive, entry), ARCHIVE_OK);
      if (part->type == AE_IFREG && size > 0)
        CU_ASSERT_EQUAL (archive_write_data (archive, data, size), (la_ssize_t) size);
      archive_entry_free (entry);
    }

  CU_ASSERT_EQUAL (archive_write_close (archive), ARCHIVE_OK);
  archive_write_free (archive);
  return g_byte_array_free_to_bytes (out);
}

static Part *
lookup_part (GPtrArray  *parts,
             const char *path)
{
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);

      if (g_str_equal (part->path, path))
        return part;
    }
  return NULL;
}

/* Aborts the test program when there is none: a broken fixture. */
static Part *
find_part (GPtrArray  *parts,
           const char *path)
{
  Part *part = lookup_part (parts, path);

  if (part == NULL)
    g_error ("the package has no %s", path);
  return part;
}

static void
replace_part (GPtrArray  *parts,
              const char *path,
              const char *text)
{
  Part *part = find_part (parts, path);

  g_bytes_unref (part->data);
  part->data = g_bytes_new (text, strlen (text));
}

static void
remove_part (GPtrArray  *parts,
             const char *path)
{
  CU_ASSERT_TRUE (g_ptr_array_remove (parts, lookup_part (parts, path)));
}

static void
add_part (GPtrArray  *parts,
          const char *path,
          const char *text)
{
  g_ptr_array_add (parts, part_new (path, text, strlen (text)));
}

static const char *
first_attachment_path (GPtrArray *parts)
{
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);

      if (g_str_has_prefix (part->path, "attachments/"))
        return part->path;
    }
  g_error ("the package has no attachment");
}

static JsonNode *
get_manifest (GPtrArray *parts)
{
  Part *part = find_part (parts, "manifest.json");
  gsize size;
  const char *data = g_bytes_get_data (part->data, &size);
  g_autofree char *text = g_strndup (data, size);
  JsonNode *manifest = json_from_string (text, NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (manifest);
  return manifest;
}

static void
put_manifest (GPtrArray *parts,
              JsonNode  *manifest)
{
  g_autofree char *text = json_to_string (manifest, FALSE);

  replace_part (parts, "manifest.json", text);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Makes the manifest's sizes and hashes match the parts again, as a
 * forger would. */
static void
rehash (GPtrArray *parts)
{
  g_autoptr(JsonNode) manifest = get_manifest (parts);
  JsonObject *root = json_node_get_object (manifest);
  JsonArray *entries = json_object_get_array_member (root, "entries");
  JsonArray *attachments = json_object_get_array_member (root, "attachments");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      Part *part = lookup_part (parts, json_object_get_string_member (entry, "path"));
      g_autofree char *sha256 = NULL;

      if (part == NULL)
        continue;
      sha256 = sha256_of (part->data);
      json_object_set_int_member (entry, "size", g_bytes_get_size (part->data));
      json_object_set_string_member (entry, "sha256", sha256);
    }

  for (guint i = 0; i < json_array_get_length (attachments); i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);
      g_autofree char *path = g_strconcat ("attachments/", json_object_get_string_member (attachment, "uuid"), NULL);
      Part *part = lookup_part (parts, path);
      g_autofree char *sha256 = NULL;

      if (part == NULL)
        continue;
      sha256 = sha256_of (part->data);
      json_object_set_int_member (attachment, "size", g_bytes_get_size (part->data));
      json_object_set_string_member (attachment, "sha256", sha256);
    }

  put_manifest (parts, manifest);
}

/* Raw ZIP bytes: the central directory entry of @name. */
static guint8 *
central_entry (GByteArray *zip,
               const char *name)
{
  gsize name_length = strlen (name);

  for (guint at = 0; at + 46 <= zip->len; at++)
    {
      guint8 *p = zip->data + at;

      if (memcmp (p, "PK\1\2", 4) == 0 && (gsize) (p[28] | p[29] << 8) == name_length &&
          at + 46 + name_length <= zip->len && memcmp (p + 46, name, name_length) == 0)
        return p;
    }

  g_error ("%s is not in the central directory", name);
}

static void
put_le32 (guint8  *p,
          guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = (value >> 24) & 0xff;
}

/* Local file header of a central directory entry. */
static guint8 *
local_header (GByteArray *zip,
              guint8     *central)
{
  guint32 offset = central[42] | central[43] << 8 | central[44] << 16 | (guint32) central[45] << 24;

  CU_ASSERT_FATAL (offset + 30 <= zip->len);
  CU_ASSERT_FATAL (memcmp (zip->data + offset, "PK\3\4", 4) == 0);
  return zip->data + offset;
}

/* Test cases -------------------------------------------------------------- */

/* The import is refused with @code and the target is exactly as before. */
static void
assert_refused (GBytes                   *package,
                const ZichaPackageLimits *limits,
                int                       code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *before = snapshot (target);
  g_autofree char *after = NULL;

  report = zicha_package_import_bytes (target, form, package, limits, NULL, &error);
  CU_ASSERT_PTR_NULL (report);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (!g_error_matches (error, ZICHA_PACKAGE_ERROR, code))
    g_printerr ("\nexpected package error %d, got %s %d: %s\n", code,
                g_quark_to_string (error->domain), error->code, error->message);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_PACKAGE_ERROR, code));
  CU_ASSERT_TRUE (strlen (error->message) > 10);

  after = snapshot (target);
  ZICHA_ASSERT_STR_EQ (after, before);
}

/* A good draft package taken apart. */
static GPtrArray *
good_parts (char **uuid)
{
  g_autofree char *report = make_report (source, "某某中学");
  g_autoptr(GBytes) package = export (report);

  if (uuid != NULL)
    *uuid = g_steal_pointer (&report);
  return unpack (package);
}

static void
assert_parts_refused (GPtrArray *parts,
                      int        code)
{
  g_autoptr(GBytes) package = pack (parts);

  assert_refused (package, NULL, code);
}

/* @parts with one more part, @path holding @contents, are refused with
 * @code; @parts is left as it was. */
static void
assert_extra_part_refused (GPtrArray  *parts,
                           const char *path,
                           const char *contents,
                           int         code)
{
  add_part (parts, path, contents);
  assert_parts_refused (parts, code);
  g_ptr_array_set_size (parts, parts->len - 1);
}

static void
assert_round_trip (const char *uuid,
                   gboolean    finalized)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) package = export (uuid);
  g_autoptr(ZichaReport) imported = NULL;
  g_autoptr(ZichaReport) original = zicha_store_get_report (source, uuid, &error);
  g_autoptr(GPtrArray) files_before = zicha_store_list_attachments (source, uuid, &error);
  g_autoptr(GPtrArray) files_after = NULL;
  g_autofree char *answers_before = canonical_answers (source, uuid);
  g_autofree char *answers_after = NULL;
  g_autofree char *digest_before = digest_of (source, uuid);
  g_autofree char *digest_after = NULL;
  g_auto(GStrv) rows_before = zicha_store_list_rows (source, uuid, "objects.systems", &error);
  g_auto(GStrv) rows_after = NULL;
  ZichaPackageImportOutcome outcome = ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT;

  imported = zicha_package_import_bytes (target, form, package, NULL, &outcome, &error);
  if (error != NULL)
    g_printerr ("\n%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (imported);
  CU_ASSERT_EQUAL (outcome, ZICHA_PACKAGE_IMPORT_NEW);

  ZICHA_ASSERT_STR_EQ (zicha_report_get_uuid (imported), uuid);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_unit_name (imported), zicha_report_get_unit_name (original));
  ZICHA_ASSERT_STR_EQ (zicha_report_get_unit_code (imported), zicha_report_get_unit_code (original));
  CU_ASSERT_EQUAL (zicha_report_get_year (imported), zicha_report_get_year (original));
  CU_ASSERT_EQUAL (zicha_report_get_revision (imported), zicha_report_get_revision (original));
  CU_ASSERT_EQUAL (zicha_report_get_state (imported), finalized ? ZICHA_REPORT_FINALIZED : ZICHA_REPORT_DRAFT);
  CU_ASSERT_EQUAL (g_date_time_to_unix (zicha_report_get_created (imported)),
                   g_date_time_to_unix (zicha_report_get_created (original)));

  answers_after = canonical_answers (target, uuid);
  ZICHA_ASSERT_STR_EQ (answers_after, answers_before);
  digest_after = digest_of (target, uuid);
  ZICHA_ASSERT_STR_EQ (digest_after, digest_before);
  if (finalized)
    {
      ZICHA_ASSERT_STR_EQ (zicha_report_get_digest (imported), zicha_report_get_digest (original));
      ZICHA_ASSERT_STR_EQ (zicha_report_get_digest (imported), digest_before);
    }
  else
    CU_ASSERT_PTR_NULL (zicha_report_get_digest (imported));

  rows_after = zicha_store_list_rows (target, uuid, "objects.systems", &error);
  CU_ASSERT_TRUE (g_strv_equal ((const char * const *) rows_after, (const char * const *) rows_before));

  files_after = zicha_store_list_attachments (target, uuid, &error);
  CU_ASSERT_EQUAL_FATAL (files_after->len, files_before->len);
  CU_ASSERT_EQUAL (files_after->len, 2);
  for (guint i = 0; i < files_before->len; i++)
    {
      ZichaAttachment *a = g_ptr_array_index (files_before, i);
      ZichaAttachment *b = g_ptr_array_index (files_after, i);
      g_autoptr(GBytes) bytes_a = zicha_store_read_attachment (source, a->uuid, &error);
      g_autoptr(GBytes) bytes_b = zicha_store_read_attachment (target, b->uuid, &error);

      ZICHA_ASSERT_STR_EQ (b->uuid, a->uuid);
      ZICHA_ASSERT_STR_EQ (b->field_path, a->field_path);
      ZICHA_ASSERT_STR_EQ (b->row_uuid, a->row_uuid);
      ZICHA_ASSERT_STR_EQ (b->file_name, a->file_name);
      ZICHA_ASSERT_STR_EQ (b->media_type, a->media_type);
      ZICHA_ASSERT_STR_EQ (b->sha256, a->sha256);
      CU_ASSERT_EQUAL (b->size, a->size);
      CU_ASSERT_EQUAL (g_date_time_to_unix (b->added), g_date_time_to_unix (a->added));
      CU_ASSERT_TRUE (g_bytes_equal (bytes_a, bytes_b));
    }
}

static void
test_round_trip_draft (void)
{
  g_autofree char *uuid = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  assert_round_trip (uuid, FALSE);
  teardown ();
}

static void
test_round_trip_finalized (void)
{
  g_autofree char *uuid = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  finalize (source, uuid);
  assert_round_trip (uuid, TRUE);
  teardown ();
}

static void
test_finalized_import_is_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(ZichaReport) imported = NULL;
  g_autoptr(JsonNode) value = zicha_test_node ("'改动'");
  g_autoptr(GBytes) file = g_bytes_new_static ("x", 1);
  g_autofree char *uuid = NULL;
  g_autofree char *attached = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  finalize (source, uuid);
  package = export (uuid);
  imported = zicha_package_import_bytes (target, form, package, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (imported);
  CU_ASSERT_FALSE (zicha_report_is_editable (imported));

  CU_ASSERT_FALSE (zicha_store_set_value (target, uuid, "unit.name", NULL, value, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  attached = zicha_store_attach_bytes (target, uuid, "unit.name", NULL, "x.txt", NULL, file, &error);
  CU_ASSERT_PTR_NULL (attached);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_delete_report (target, uuid, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  teardown ();
}

static void
test_import_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(ZichaReport) first = NULL;
  g_autoptr(ZichaReport) second = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  ZichaPackageImportOutcome outcome = ZICHA_PACKAGE_IMPORT_NEW;

  setup ();
  uuid = make_report (source, "某某中学");
  finalize (source, uuid);
  package = export (uuid);
  first = zicha_package_import_bytes (target, form, package, NULL, &outcome, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);
  CU_ASSERT_EQUAL (outcome, ZICHA_PACKAGE_IMPORT_NEW);

  before = snapshot (target);
  second = zicha_package_import_bytes (target, form, package, NULL, &outcome, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);
  CU_ASSERT_EQUAL (outcome, ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_uuid (second), uuid);

  /* From the file, too. */
  g_clear_object (&second);
  path = g_build_filename (tmpdir, "export.zicha", NULL);
  second = zicha_package_import (target, form, path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);

  after = snapshot (target);
  ZICHA_ASSERT_STR_EQ (after, before);
  teardown ();
}

static void
test_import_twice_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(ZichaReport) first = NULL;
  g_autoptr(ZichaReport) second = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ZichaPackageImportOutcome outcome = ZICHA_PACKAGE_IMPORT_NEW;

  setup ();
  uuid = make_report (source, "某某中学");
  package = export (uuid);
  first = zicha_package_import_bytes (target, form, package, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);
  before = snapshot (target);
  second = zicha_package_import_bytes (target, form, package, NULL, &outcome, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);
  CU_ASSERT_EQUAL (outcome, ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT);
  after = snapshot (target);
  ZICHA_ASSERT_STR_EQ (after, before);
  teardown ();
}

/* A draft copy here, the finalized package of the same contents: the
 * copy is finalized, not duplicated. */
static void
test_import_finalized_over_same_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GBytes) finalized = NULL;
  g_autoptr(ZichaReport) first = NULL;
  g_autoptr(ZichaReport) second = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *uuid = NULL;
  ZichaPackageImportOutcome outcome = ZICHA_PACKAGE_IMPORT_NEW;

  setup ();
  uuid = make_report (source, "某某中学");
  draft = export (uuid);
  finalize (source, uuid);
  finalized = export (uuid);

  first = zicha_package_import_bytes (target, form, draft, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);
  second = zicha_package_import_bytes (target, form, finalized, NULL, &outcome, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);
  CU_ASSERT_EQUAL (outcome, ZICHA_PACKAGE_IMPORT_FINALIZED_DRAFT);
  CU_ASSERT_EQUAL (zicha_report_get_state (second), ZICHA_REPORT_FINALIZED);
  reports = zicha_store_list_reports (target, &error);
  CU_ASSERT_EQUAL (reports->len, 2);
  teardown ();
}

static void
test_conflict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GBytes) changed_finalized = NULL;
  g_autoptr(ZichaReport) imported = NULL;
  g_autofree char *uuid = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  first = export (uuid);
  imported = zicha_package_import_bytes (target, form, first, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (imported);

  /* The same UUID with other contents: the draft was changed elsewhere,
   * then finalized there. */
  set (source, uuid, "unit.count", NULL, "13");
  changed = export (uuid);
  assert_refused (changed, NULL, ZICHA_PACKAGE_ERROR_CONFLICT);
  finalize (source, uuid);
  changed_finalized = export (uuid);
  assert_refused (changed_finalized, NULL, ZICHA_PACKAGE_ERROR_CONFLICT);
  teardown ();
}

static void
test_not_a_zip (void)
{
  static const char not_zip[] = "{\"this\": \"is JSON, not a ZIP\"}";
  g_autoptr(GBytes) package = g_bytes_new_static (not_zip, sizeof not_zip - 1);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;

  setup ();
  assert_refused (package, NULL, ZICHA_PACKAGE_ERROR_NOT_A_ZIP);
  assert_refused (empty, NULL, ZICHA_PACKAGE_ERROR_NOT_A_ZIP);

  /* A folder is not a package either. */
  report = zicha_package_import (target, form, tmpdir, &error);
  CU_ASSERT_PTR_NULL (report);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_NOT_A_ZIP));
  teardown ();
}

static void
test_truncated (void)
{
  g_autofree char *uuid = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GBytes) half = NULL;
  g_autoptr(GBytes) almost = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  package = export (uuid);
  half = g_bytes_new_from_bytes (package, 0, g_bytes_get_size (package) / 2);
  almost = g_bytes_new_from_bytes (package, 0, g_bytes_get_size (package) - 10);
  assert_refused (half, NULL, ZICHA_PACKAGE_ERROR_TRUNCATED);
  assert_refused (almost, NULL, ZICHA_PACKAGE_ERROR_TRUNCATED);
  teardown ();
}

static void
test_damaged (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GByteArray) zip = NULL;
  g_autoptr(GBytes) damaged = NULL;
  guint8 *local;

  setup ();
  parts = good_parts (NULL);
  package = pack (parts);
  zip = g_bytes_unref_to_array (g_bytes_ref (package));
  /* Flip a byte in the compressed answers: a CRC or inflate error. */
  local = local_header (zip, central_entry (zip, "answers.json"));
  local[30 + (local[26] | local[27] << 8) + (local[28] | local[29] << 8) + 8] ^= 0x55;
  damaged = g_byte_array_free_to_bytes (g_steal_pointer (&zip));
  assert_refused (damaged, NULL, ZICHA_PACKAGE_ERROR_DAMAGED);
  teardown ();
}

static void
test_package_too_large (void)
{
  g_autofree char *uuid = NULL;
  g_autoptr(GBytes) package = NULL;
  ZichaPackageLimits limits = *zicha_package_limits_default ();

  setup ();
  uuid = make_report (source, "某某中学");
  package = export (uuid);
  limits.max_package_size = g_bytes_get_size (package) - 1;
  assert_refused (package, &limits, ZICHA_PACKAGE_ERROR_TOO_LARGE);
  teardown ();
}

static void
test_path_traversal (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  assert_extra_part_refused (parts, "../evil.sh", "rm -rf ~", ZICHA_PACKAGE_ERROR_PATH_TRAVERSAL);
  assert_extra_part_refused (parts, "attachments/../../.bashrc", "evil", ZICHA_PACKAGE_ERROR_PATH_TRAVERSAL);
  assert_extra_part_refused (parts, "documents\\..\\..\\evil", "evil", ZICHA_PACKAGE_ERROR_PATH_TRAVERSAL);
  teardown ();
}

static void
test_absolute_path (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  assert_extra_part_refused (parts, "/etc/cron.d/evil", "* * * * * root evil", ZICHA_PACKAGE_ERROR_ABSOLUTE_PATH);
  assert_extra_part_refused (parts, "C:\\Windows\\evil.dll", "MZ", ZICHA_PACKAGE_ERROR_ABSOLUTE_PATH);
  teardown ();
}

static void
test_symlink (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  Part *link = g_new0 (Part, 1);

  setup ();
  parts = good_parts (NULL);
  /* A link where an evidence file should be. */
  link->path = g_strdup (first_attachment_path (parts));
  link->type = AE_IFLNK;
  link->link = g_strdup ("/etc/shadow");
  g_ptr_array_remove (parts, lookup_part (parts, link->path));
  g_ptr_array_add (parts, link);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_NOT_A_FILE);
  teardown ();
}

static void
test_device (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GByteArray) zip = NULL;
  g_autoptr(GBytes) patched = NULL;
  guint8 *central;

  setup ();
  parts = good_parts (NULL);
  package = pack (parts);
  /* libarchive will not write a device into a ZIP; make answers.json one
   * in the central directory: made by Unix, mode S_IFCHR | 0644. */
  zip = g_bytes_unref_to_array (g_bytes_ref (package));
  central = central_entry (zip, "answers.json");
  central[5] = 3;
  put_le32 (central + 38, (guint32) (S_IFCHR | 0644) << 16);
  patched = g_byte_array_free_to_bytes (g_steal_pointer (&zip));
  assert_refused (patched, NULL, ZICHA_PACKAGE_ERROR_NOT_A_FILE);
  teardown ();
}

static void
test_unexpected_directory (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) other = NULL;
  Part *dir = g_new0 (Part, 1);

  setup ();
  parts = good_parts (NULL);
  /* The layout's own folders are fine… */
  dir->path = g_strdup ("attachments/");
  dir->type = AE_IFDIR;
  g_ptr_array_insert (parts, 1, dir);
  {
    g_autoptr(GBytes) package = pack (parts);
    g_autoptr(GError) error = NULL;
    g_autoptr(ZichaReport) report = zicha_package_import_bytes (target, form, package, NULL, NULL, &error);

    CU_ASSERT_PTR_NOT_NULL (report);
    if (error != NULL)
      g_printerr ("\n%s\n", error->message);
  }

  /* …others are not. */
  other = good_parts (NULL);
  dir = g_new0 (Part, 1);
  dir->path = g_strdup ("attachments/nested/");
  dir->type = AE_IFDIR;
  g_ptr_array_add (other, dir);
  assert_parts_refused (other, ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY);
  teardown ();
}

static void
test_duplicate_entry (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonNode) manifest = NULL;

  setup ();
  parts = good_parts (NULL);
  /* A second answers.json: which one did the manifest hash? */
  assert_extra_part_refused (parts, "answers.json", "{}", ZICHA_PACKAGE_ERROR_DUPLICATE_ENTRY);
  manifest = get_manifest (parts);
  {
    g_autofree char *text = json_to_string (manifest, FALSE);

    assert_extra_part_refused (parts, "manifest.json", text, ZICHA_PACKAGE_ERROR_DUPLICATE_ENTRY);
  }
  teardown ();
}

static void
test_entry_too_large (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autofree char *big = g_strnfill (5000, 'z');
  ZichaPackageLimits limits = *zicha_package_limits_default ();

  setup ();
  parts = good_parts (NULL);
  replace_part (parts, first_attachment_path (parts), big);
  rehash (parts);
  package = pack (parts);
  limits.max_entry_size = 4096;
  assert_refused (package, &limits, ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE);
  teardown ();
}

/* Makes the ZIP headers (central directory and local header) of @path
 * claim @size bytes. */
static GBytes *
lie_about_size (GBytes     *package,
                const char *path,
                guint32     size)
{
  g_autoptr(GByteArray) zip = g_bytes_unref_to_array (g_bytes_ref (package));
  guint8 *central = central_entry (zip, path);

  put_le32 (central + 24, size);
  put_le32 (local_header (zip, central) + 22, size);
  return g_byte_array_free_to_bytes (g_steal_pointer (&zip));
}

/* The headers claim 10 bytes; a megabyte comes out. */
static void
test_entry_too_large_lying_header (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GBytes) patched = NULL;
  g_autoptr(GBytes) small_package = NULL;
  g_autoptr(GBytes) small_patched = NULL;
  g_autofree char *big = g_strnfill (1024 * 1024, 'z');
  g_autofree char *path = NULL;
  ZichaPackageLimits limits = *zicha_package_limits_default ();

  setup ();
  parts = good_parts (NULL);
  path = g_strdup (first_attachment_path (parts));
  replace_part (parts, path, big);
  rehash (parts);
  package = pack (parts);
  patched = lie_about_size (package, path, 10);
  /* Counted while it streams out, long before its end. */
  limits.max_entry_size = 512 * 1024;
  assert_refused (patched, &limits, ZICHA_PACKAGE_ERROR_ENTRY_TOO_LARGE);

  /* An entry that fits in libarchive's buffer is checked by libarchive
   * itself at its end: the sizes disagree, so the ZIP is damaged. */
  replace_part (parts, path, "twenty bytes of text");
  rehash (parts);
  small_package = pack (parts);
  small_patched = lie_about_size (small_package, path, 10);
  assert_refused (small_patched, NULL, ZICHA_PACKAGE_ERROR_DAMAGED);
  teardown ();
}

static void
test_too_many_entries (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  /* The real limit: tiny entries, one more than a package may have. */
  while (parts->len <= ZICHA_PACKAGE_MAX_ENTRIES)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *path = g_strconcat ("attachments/", uuid, NULL);

      add_part (parts, path, "x");
    }
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_TOO_MANY_ENTRIES);
  teardown ();
}

/* Each entry is within its limit; together they are not. */
static void
test_zip_bomb (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autofree char *zeros = g_strnfill (1024 * 1024, '0');
  ZichaPackageLimits limits = *zicha_package_limits_default ();

  setup ();
  parts = good_parts (NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *path = g_strconcat ("attachments/", uuid, NULL);

      add_part (parts, path, zeros);
    }
  package = pack (parts);
  /* Deflate makes 4 MiB of zeros a few kilobytes. */
  CU_ASSERT_TRUE (g_bytes_get_size (package) < 32 * 1024);
  limits.max_entry_size = 2 * 1024 * 1024;
  limits.max_total_size = 3 * 1024 * 1024;
  assert_refused (package, &limits, ZICHA_PACKAGE_ERROR_TOTAL_TOO_LARGE);
  teardown ();
}

/* The first entry is honest; the second says it is 100 bytes and streams
 * out a megabyte: the total is counted as bytes come out. */
static void
test_zip_bomb_lying_headers (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GBytes) patched = NULL;
  g_autofree char *zeros = g_strnfill (1024 * 1024, '0');
  g_autofree char *liar = NULL;
  ZichaPackageLimits limits = *zicha_package_limits_default ();

  setup ();
  parts = good_parts (NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *path = g_strconcat ("attachments/", uuid, NULL);

      add_part (parts, path, zeros);
      g_free (liar);
      liar = g_steal_pointer (&path);
    }
  package = pack (parts);
  patched = lie_about_size (package, liar, 100);
  limits.max_entry_size = 2 * 1024 * 1024;
  limits.max_total_size = 1536 * 1024;
  assert_refused (patched, &limits, ZICHA_PACKAGE_ERROR_TOTAL_TOO_LARGE);
  teardown ();
}

static void
test_hash_mismatch (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  /* Evidence swapped after export, manifest untouched. */
  replace_part (parts, first_attachment_path (parts), "a forged certificate");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_HASH_MISMATCH);
  teardown ();
}

static void
test_hash_mismatch_answers (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  Part *answers;
  g_autofree char *text = NULL;
  char *at;

  setup ();
  parts = good_parts (NULL);
  answers = find_part (parts, "answers.json");
  text = g_strndup (g_bytes_get_data (answers->data, NULL), g_bytes_get_size (answers->data));
  at = strstr (text, "\"count\":12");
  CU_ASSERT_PTR_NOT_NULL_FATAL (at);
  at[9] = '9';
  replace_part (parts, "answers.json", text);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_HASH_MISMATCH);
  teardown ();
}

static void
set_manifest_member (GPtrArray  *parts,
                     const char *object,
                     const char *member,
                     JsonNode   *value)
{
  g_autoptr(JsonNode) manifest = get_manifest (parts);
  JsonObject *root = json_node_get_object (manifest);

  if (object != NULL)
    root = json_object_get_object_member (root, object);
  json_object_set_member (root, member, value);
  put_manifest (parts, manifest);
}

static void
test_unknown_form (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  set_manifest_member (parts, "form", "id", zicha_test_node ("'edu-cybersec-selfcheck-2035'"));
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM);
  set_manifest_member (parts, "form", "id", zicha_test_node ("'small'"));
  set_manifest_member (parts, "form", "version", zicha_test_node ("4"));
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM);
  teardown ();
}

static void
test_newer_format_version (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  set_manifest_member (parts, NULL, "format_version", zicha_test_node ("2"));
  /* A newer format may have members this one lacks. */
  set_manifest_member (parts, NULL, "signatures", zicha_test_node ("[]"));
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_UNSUPPORTED_VERSION);
  teardown ();
}

static void
test_malformed_manifest (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) other = NULL;

  setup ();
  parts = good_parts (NULL);
  replace_part (parts, "manifest.json", "{\"format_version\": 1, \"form\": ");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST);
  replace_part (parts, "manifest.json", "[1, 2, 3]");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST);
  /* Found by the fuzzer: an empty entry has no data pointer at all. */
  replace_part (parts, "manifest.json", "");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST);

  /* Valid JSON of the wrong shape: each member is checked. */
  other = good_parts (NULL);
  set_manifest_member (other, "report", "year", zicha_test_node ("'2019'"));
  assert_parts_refused (other, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST);
  set_manifest_member (other, "report", "year", zicha_test_node ("2019"));
  set_manifest_member (other, "report", "uuid", zicha_test_node ("'../../etc'"));
  assert_parts_refused (other, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST);
  teardown ();
}

static void
test_missing_manifest (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  remove_part (parts, "manifest.json");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_MISSING_ENTRY);
  teardown ();
}

static void
test_missing_entry (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) other = NULL;

  setup ();
  parts = good_parts (NULL);
  remove_part (parts, "answers.json");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_MISSING_ENTRY);

  other = good_parts (NULL);
  remove_part (other, first_attachment_path (other));
  assert_parts_refused (other, ZICHA_PACKAGE_ERROR_MISSING_ENTRY);
  teardown ();
}

static void
test_unexpected_entry (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  /* Not in the layout. */
  assert_extra_part_refused (parts, "notes.txt", "hello", ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY);
  /* In the layout, but the manifest does not list it. */
  assert_extra_part_refused (parts, "documents/report.pdf", "%PDF-1.7", ZICHA_PACKAGE_ERROR_UNEXPECTED_ENTRY);
  teardown ();
}

static void
replace_answers (GPtrArray  *parts,
                 const char *text)
{
  replace_part (parts, "answers.json", text);
  rehash (parts);
}

static void
test_malformed_answers (void)
{
  g_autoptr(GPtrArray) parts = NULL;

  setup ();
  parts = good_parts (NULL);
  replace_answers (parts, "{\"format_version\": 1, \"answers\": {");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_MALFORMED_ANSWERS);
  teardown ();
}

static void
test_answers_do_not_fit (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *unknown_item = zicha_test_json ("{'answers':{'unit':{'password':'x'}},'form':{'id':'small','version':3},'format_version':1}");
  g_autofree char *object_value = zicha_test_json ("{'answers':{'unit':{'name':{'a':1}}},'form':{'id':'small','version':3},'format_version':1}");
  g_autofree char *other_form = zicha_test_json ("{'answers':{},'form':{'id':'other','version':3},'format_version':1}");

  setup ();
  parts = good_parts (NULL);
  replace_answers (parts, unknown_item);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT);
  replace_answers (parts, object_value);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT);
  replace_answers (parts, other_form);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT);
  teardown ();
}

static void
test_attachment_does_not_fit (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  JsonObject *attachment;

  setup ();
  parts = good_parts (NULL);
  manifest = get_manifest (parts);
  attachment = json_array_get_object_element (json_object_get_array_member (json_node_get_object (manifest),
                                                                            "attachments"), 0);
  json_object_set_string_member (attachment, "field_path", "unit.nonexistent");
  put_manifest (parts, manifest);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_ANSWERS_DO_NOT_FIT);
  teardown ();
}

static void
test_not_canonical (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonNode) answers = NULL;
  g_autofree char *pretty = NULL;
  Part *part;

  setup ();
  parts = good_parts (NULL);
  part = find_part (parts, "answers.json");
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (part->data, NULL), g_bytes_get_size (part->data));

    answers = json_from_string (text, NULL);
  }
  /* The same answers, pretty-printed: the digest would be ambiguous. */
  pretty = json_to_string (answers, TRUE);
  replace_answers (parts, pretty);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_NOT_CANONICAL);
  teardown ();
}

static void
test_digest_mismatch (void)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *text = NULL;
  Part *answers;
  char *at;

  setup ();
  parts = good_parts (NULL);
  /* A forger who fixes the entry hashes but not the digest. */
  answers = find_part (parts, "answers.json");
  text = g_strndup (g_bytes_get_data (answers->data, NULL), g_bytes_get_size (answers->data));
  at = strstr (text, "\"count\":12");
  CU_ASSERT_PTR_NOT_NULL_FATAL (at);
  at[9] = '9';
  replace_answers (parts, text);
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH);
  teardown ();
}

/* A finalized report whose recorded digest is not its contents' is not
 * exported, and no file is left behind. */
static void
test_export_checks_digest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wrong = g_strnfill (64, 'a');

  setup ();
  uuid = make_report (source, "某某中学");
  CU_ASSERT_TRUE (zicha_store_finalize_report (source, uuid, wrong, &error));
  path = g_build_filename (tmpdir, "wrong.zicha", NULL);
  CU_ASSERT_FALSE (zicha_package_export (source, form, uuid, NULL, NULL, path, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_DIGEST_MISMATCH));
  CU_ASSERT_FALSE (g_file_test (path, G_FILE_TEST_EXISTS));
  teardown ();
}

static void
test_export_failure_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *blocked = NULL;
  guint n_files = 0;

  setup ();
  uuid = make_report (source, "某某中学");
  /* The target name is a folder: the rename fails at the very end. */
  blocked = g_build_filename (tmpdir, "blocked.zicha", NULL);
  path = g_build_filename (blocked, "inside", NULL);
  CU_ASSERT_EQUAL (g_mkdir (blocked, 0700), 0);
  CU_ASSERT_TRUE (g_file_set_contents (path, "x", 1, NULL));
  CU_ASSERT_FALSE (zicha_package_export (source, form, uuid, NULL, NULL, blocked, &error));
  CU_ASSERT_PTR_NOT_NULL (error);

  dir = g_dir_open (tmpdir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    if (g_str_has_prefix (name, ".blocked.zicha."))
      n_files++;
  CU_ASSERT_EQUAL (n_files, 0);
  teardown ();
}

/* Every package export writes imports: what the manifest cannot carry
 * is refused at export, with nothing written. */
static void
test_export_refuses_what_import_refuses (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  path = g_build_filename (tmpdir, "escape.zicha", NULL);

  /* Line breaks are fine… */
  CU_ASSERT_TRUE (zicha_store_set_unit (source, uuid, "某某中学\n（北校区）", "12350200426600088D", &error));
  assert_round_trip (uuid, FALSE);

  /* …terminal escape sequences are not. */
  CU_ASSERT_TRUE (zicha_store_set_unit (source, uuid, "\033[2J某某中学", "12350200426600088D", &error));
  CU_ASSERT_FALSE (zicha_package_export (source, form, uuid, NULL, NULL, path, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_MALFORMED_MANIFEST));
  CU_ASSERT_FALSE (g_file_test (path, G_FILE_TEST_EXISTS));
  teardown ();
}

static void
test_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) table = g_bytes_new_static ("%PDF-1.7 table", 14);
  g_autoptr(GBytes) report = g_bytes_new_static ("%PDF-1.7 report", 15);
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(ZichaReport) imported = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expected = NULL;

  setup ();
  uuid = make_report (source, "某某中学");
  path = g_build_filename (tmpdir, "documents.zicha", NULL);
  CU_ASSERT_TRUE_FATAL (zicha_package_export_full (source, form, uuid, table, report, path, &digest, &error));
  expected = digest_of (source, uuid);
  ZICHA_ASSERT_STR_EQ (digest, expected);
  package = zicha_package_load_file (path, &error);
  parts = unpack (package);
  CU_ASSERT_TRUE (g_bytes_equal (find_part (parts, "documents/table.pdf")->data, table));
  CU_ASSERT_TRUE (g_bytes_equal (find_part (parts, "documents/report.pdf")->data, report));
  CU_ASSERT_STRING_EQUAL (find_part (parts, "manifest.json")->path, "manifest.json");
  CU_ASSERT_STRING_EQUAL (((Part *) parts->pdata[0])->path, "manifest.json");

  /* Documents are not part of the digest; a changed one is still caught. */
  replace_part (parts, "documents/report.pdf", "%PDF-1.7 forged");
  assert_parts_refused (parts, ZICHA_PACKAGE_ERROR_HASH_MISMATCH);

  imported = zicha_package_import_bytes (target, form, package, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (imported);
  teardown ();
}

/* The worked example of docs/package-format.md, "The report digest". */
static void
test_digest_worked_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = zicha_form_default_path ();
  g_autoptr(ZichaForm) default_form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_attachment_free);
  g_autoptr(JsonNode) name = zicha_test_node ("'某某中学'");
  g_autoptr(JsonNode) system = zicha_test_node ("'教务管理系统'");
  g_autoptr(JsonNode) level = zicha_test_node ("2");
  g_autofree char *text = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *answers_only = NULL;
  ZichaAttachment *attachment;
  const char *row = "3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  ZichaFormItem *systems;

  CU_ASSERT_PTR_NOT_NULL_FATAL (path);
  default_form = zicha_form_new_from_file (path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (default_form);
  answers = zicha_answers_new (default_form);
  systems = zicha_form_lookup_item (default_form, "system_list.systems", NULL);
  CU_ASSERT_TRUE (zicha_answers_insert_row (answers, systems, row));
  CU_ASSERT_TRUE (zicha_answers_set_value (answers, zicha_form_lookup_item (default_form, "basic.unit_name", NULL),
                                           NULL, name));
  CU_ASSERT_TRUE (zicha_answers_set_value (answers, zicha_form_lookup_item (default_form, "system_list.systems[].name", NULL),
                                           row, system));
  CU_ASSERT_TRUE (zicha_answers_set_value (answers, zicha_form_lookup_item (default_form, "system_list.systems[].level", NULL),
                                           row, level));
  text = zicha_answers_to_string (answers);
  ZICHA_ASSERT_STR_EQ (text,
                       "{\"answers\":{\"basic\":{\"unit_name\":\"某某中学\"},\"system_list\":{\"systems\":"
                       "[{\"id\":\"3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\",\"values\":{\"level\":2,"
                       "\"name\":\"教务管理系统\"}}]}},\"form\":{\"id\":\"edu-cybersec-selfcheck-2019\","
                       "\"version\":1},\"format_version\":1}");

  /* No attachments: the SHA-256 of the answers alone. */
  answers_only = zicha_report_digest (answers, NULL);
  ZICHA_ASSERT_STR_EQ (answers_only, "292792e03cb06ef18168c2a5b362e3f8ced9aaef33748f784ed15df76ac8e5d3");

  /* Listed out of order on purpose: the digest sorts. */
  attachment = g_new0 (ZichaAttachment, 1);
  attachment->uuid = g_strdup ("9b1d2c3e-0000-4000-8000-000000000002");
  attachment->field_path = g_strdup ("system_list.systems[].filing_number");
  attachment->row_uuid = g_strdup (row);
  attachment->file_name = g_strdup ("备案证明.pdf");
  attachment->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "等保备案证明", -1);
  g_ptr_array_add (attachments, attachment);
  attachment = g_new0 (ZichaAttachment, 1);
  attachment->uuid = g_strdup ("9b1d2c3e-0000-4000-8000-000000000001");
  attachment->field_path = g_strdup ("basic.unit_name");
  attachment->file_name = g_strdup ("hello.txt");
  attachment->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "hello", -1);
  g_ptr_array_add (attachments, attachment);

  digest = zicha_report_digest (answers, attachments);
  ZICHA_ASSERT_STR_EQ (digest, "77867ff68121bce4802774d969eee2094d145d207a2ba3fb96024494eb71c80f");
  g_free (digest);
  digest = zicha_report_digest_for_text (text, strlen (text), attachments);
  ZICHA_ASSERT_STR_EQ (digest, "77867ff68121bce4802774d969eee2094d145d207a2ba3fb96024494eb71c80f");
}

/* The store half: a whole report with given ids, all or nothing. */
static void
test_store_import_is_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(JsonNode) value = zicha_test_node ("'x'");
  g_autoptr(GBytes) contents = g_bytes_new_static ("abc", 3);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ZichaAttachment attachment = {
    .uuid = (char *) "0e0e0e0e-0000-4000-8000-00000000000e",
    .field_path = (char *) "unit.name",
    .file_name = (char *) "a.txt",
    .size = 3,
    /* SHA-256 of "abc" */
    .sha256 = (char *) "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  };
  ZichaStoreImportValue values[] = { { "unit.name", NULL, value } };
  ZichaStoreImportAttachment attachments[] = { { &attachment, contents } };
  ZichaStoreImport import = {
    .uuid = "1e1e1e1e-0000-4000-8000-00000000001e",
    .form_id = FORM_ID,
    .form_version = FORM_VERSION,
    .year = 2019,
    .revision = 1,
    .state = ZICHA_REPORT_FINALIZED,
    .digest = "d",
    .values = values,
    .n_values = 1,
    .attachments = attachments,
    .n_attachments = 1,
  };

  setup ();
  before = snapshot (target);
  report = zicha_store_import_report (target, &import, &error);
  CU_ASSERT_PTR_NOT_NULL (report);
  CU_ASSERT_EQUAL (zicha_report_get_state (report), ZICHA_REPORT_FINALIZED);
  g_clear_object (&report);

  /* The same UUID again is refused; so is a bad attachment, and nothing
   * of that second report stays. */
  CU_ASSERT_PTR_NULL (zicha_store_import_report (target, &import, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);

  after = snapshot (target);
  import.uuid = "2e2e2e2e-0000-4000-8000-00000000002e";
  attachment.uuid = (char *) "3e3e3e3e-0000-4000-8000-00000000003e";
  attachment.sha256 = (char *) "0000000000000000000000000000000000000000000000000000000000000000";
  CU_ASSERT_PTR_NULL (zicha_store_import_report (target, &import, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);
  /* A clash with an existing attachment's UUID fails inside the
   * transaction, after the report row was written: rolled back. */
  attachment.uuid = (char *) "0e0e0e0e-0000-4000-8000-00000000000e";
  attachment.sha256 = (char *) "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  CU_ASSERT_PTR_NULL (zicha_store_import_report (target, &import, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  {
    g_autofree char *now = snapshot (target);

    ZICHA_ASSERT_STR_EQ (now, after);
  }
  CU_ASSERT_STRING_NOT_EQUAL (before, after);
  teardown ();
}

/* The SHA-256 packages are hashed with: the FIPS 180-2 examples, and
 * GLib's answer for every length around the 64-byte block. */
static void
test_sha256_known_answers (void)
{
  g_autofree char *million = g_strnfill (1000000, 'a');
  g_autofree char *empty = zicha_sha256_hex ("", 0);
  g_autofree char *abc = zicha_sha256_hex ("abc", 3);
  g_autofree char *two_blocks = zicha_sha256_hex ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
  g_autofree char *many = zicha_sha256_hex (million, 1000000);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("abc", 3);
  g_autofree char *from_bytes = zicha_sha256_hex_for_bytes (bytes);
  guchar data[300];

  ZICHA_ASSERT_STR_EQ (empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ZICHA_ASSERT_STR_EQ (abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  ZICHA_ASSERT_STR_EQ (two_blocks, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  ZICHA_ASSERT_STR_EQ (many, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  ZICHA_ASSERT_STR_EQ (from_bytes, abc);

  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    data[i] = (guchar) (i * 7 + 3);
  for (gsize length = 0; length <= G_N_ELEMENTS (data); length++)
    {
      g_autofree char *ours = zicha_sha256_hex (data, length);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);

      ZICHA_ASSERT_STR_EQ (ours, glib);
    }
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/package/sha256-known-answers", test_sha256_known_answers },
    { "/package/round-trip/draft", test_round_trip_draft },
    { "/package/round-trip/finalized", test_round_trip_finalized },
    { "/package/round-trip/documents", test_documents },
    { "/package/import/finalized-read-only", test_finalized_import_is_read_only },
    { "/package/import/twice", test_import_twice },
    { "/package/import/twice-draft", test_import_twice_draft },
    { "/package/import/finalized-over-same-draft", test_import_finalized_over_same_draft },
    { "/package/import/conflict", test_conflict },
    { "/package/refuse/not-a-zip", test_not_a_zip },
    { "/package/refuse/truncated", test_truncated },
    { "/package/refuse/damaged", test_damaged },
    { "/package/refuse/package-too-large", test_package_too_large },
    { "/package/refuse/path-traversal", test_path_traversal },
    { "/package/refuse/absolute-path", test_absolute_path },
    { "/package/refuse/symlink", test_symlink },
    { "/package/refuse/device", test_device },
    { "/package/refuse/unexpected-directory", test_unexpected_directory },
    { "/package/refuse/duplicate-entry", test_duplicate_entry },
    { "/package/refuse/entry-too-large", test_entry_too_large },
    { "/package/refuse/entry-too-large-lying-header", test_entry_too_large_lying_header },
    { "/package/refuse/too-many-entries", test_too_many_entries },
    { "/package/refuse/zip-bomb", test_zip_bomb },
    { "/package/refuse/zip-bomb-lying-headers", test_zip_bomb_lying_headers },
    { "/package/refuse/hash-mismatch", test_hash_mismatch },
    { "/package/refuse/hash-mismatch-answers", test_hash_mismatch_answers },
    { "/package/refuse/unknown-form", test_unknown_form },
    { "/package/refuse/newer-format-version", test_newer_format_version },
    { "/package/refuse/malformed-manifest", test_malformed_manifest },
    { "/package/refuse/missing-manifest", test_missing_manifest },
    { "/package/refuse/missing-entry", test_missing_entry },
    { "/package/refuse/unexpected-entry", test_unexpected_entry },
    { "/package/refuse/malformed-answers", test_malformed_answers },
    { "/package/refuse/answers-do-not-fit", test_answers_do_not_fit },
    { "/package/refuse/attachment-does-not-fit", test_attachment_does_not_fit },
    { "/package/refuse/not-canonical", test_not_canonical },
    { "/package/refuse/digest-mismatch", test_digest_mismatch },
    { "/package/export/checks-digest", test_export_checks_digest },
    { "/package/export/failure-leaves-nothing", test_export_failure_leaves_nothing },
    { "/package/export/refuses-what-import-refuses", test_export_refuses_what_import_refuses },
    { "/package/digest/worked-example", test_digest_worked_example },
    { "/package/store/import-is-atomic", test_store_import_is_atomic },
    { NULL, NULL }
  };

  return zicha_test_run ("package", NULL, NULL, cases);
}
