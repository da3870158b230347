/* test-inspection-kit.c — 迎检材料: the demo report with evidence, written
 * as a ZIP and as a folder, read back with libarchive and poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks that index.pdf lists every evidence file's name and SHA-256,
 * that every evidence entry holds the attachment's bytes under a safe
 * name, that a failure or a cancellation leaves nothing behind; saves the
 * index's first page as build/screenshots/inspection-kit-index.png.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>

#include "zicha-demo.h"
#include "zicha-inspection-kit.h"
#include "zicha-test.h"
#include "zicha-test-pdf.h"


typedef struct archive TestArchive;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestArchive, archive_read_free)

static char *tmpdir;
static ZichaStore *store;
static ZichaForm *form;
static char *report_uuid;   /* the demo, with evidence */
static char *bare_uuid;     /* the demo, without */

/* What the suite attaches, in the order of the index. */
typedef struct
{
  const char *field_path;
  gboolean    on_row;       /* on the first row of the systems table */
  const char *file_name;
  const char *entry_name;   /* expected */
  const char *contents;
} Evidence;

static const Evidence evidence[] = {
  { "header.fill_date", FALSE, "/abs/x.pdf", "evidence/header/01-x.pdf", "%PDF-1.4 absolute" },
  { "basic.unit_name", FALSE, "单位法人证书.pdf", "evidence/basic/01-单位法人证书.pdf", "%PDF-1.4 证书" },
  { "basic.unit_name", FALSE, "../../etc/passwd", "evidence/basic/02-passwd", "root:x:0:0::/root:/bin/sh\n" },
  { "system_list.systems", TRUE, "备案证明.jpg", "evidence/system_list/01-备案证明.jpg", "\xff\xd8\xff\xe0 jpeg" },
  { "system_list.systems[].last_assessment", TRUE, "等级测评报告.pdf", "evidence/system_list/02-等级测评报告.pdf",
    "%PDF-1.4 测评报告" },
};

static const guint attach_order[] = { 4, 3, 1, 2, 0 };
G_STATIC_ASSERT (G_N_ELEMENTS (attach_order) == G_N_ELEMENTS (evidence));

static int
init_suite (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *form_path = zicha_test_source_path ("data/forms/edu-cybersec-selfcheck-2019.json");
  g_autofree char *db = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReport) bare = NULL;
  g_auto(GStrv) rows = NULL;

  tmpdir = zicha_test_make_tmpdir ();
  db = g_build_filename (tmpdir, "zicha.db", NULL);
  form = zicha_form_new_from_file (form_path, &error);
  if (form != NULL)
    store = zicha_store_open (db, &error);
  if (store != NULL)
    report = zicha_demo_create_report (store, form, &error);
  if (report != NULL)
    bare = zicha_demo_create_report (store, form, &error);
  if (bare != NULL)
    rows = zicha_store_list_rows (store, zicha_report_get_uuid (report), "system_list.systems", &error);
  if (rows == NULL || rows[0] == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "the demo has no systems");
      return 1;
    }
  report_uuid = g_strdup (zicha_report_get_uuid (report));
  bare_uuid = g_strdup (zicha_report_get_uuid (bare));

  /* Attached out of index order, to see the kit sort them; the two files
   * of one item keep the order they were attached in. */
  for (guint k = 0; k < G_N_ELEMENTS (attach_order); k++)
    {
      guint i = attach_order[k];
      g_autoptr(GBytes) bytes = g_bytes_new_static (evidence[i].contents, strlen (evidence[i].contents));
      g_autofree char *uuid = zicha_store_attach_bytes (store, report_uuid, evidence[i].field_path,
                                                        evidence[i].on_row ? rows[0] : NULL,
                                                        evidence[i].file_name, NULL, bytes, &error);

      if (uuid == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

static int
cleanup_suite (void)
{
  g_clear_object (&store);
  g_clear_object (&form);
  g_clear_pointer (&report_uuid, g_free);
  g_clear_pointer (&bare_uuid, g_free);
  if (tmpdir != NULL)
    zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);

  /* Cairo and fontconfig keep font caches for the life of the process. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return 0;
}

/* Helpers ------------------------------------------------------------------ */

static char *
sha256_of (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Every entry of a ZIP: name → GBytes. */
static GHashTable *
read_zip (const char *path)
{
  g_autoptr(TestArchive) archive = archive_read_new ();
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  struct archive_entry *entry;
  int status;

  archive_read_support_format_zip (archive);
  CU_ASSERT_EQUAL_FATAL (archive_read_open_filename (archive, path, 10240), ARCHIVE_OK);
  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buffer[8192];
      la_ssize_t n;

      CU_ASSERT_PTR_NOT_NULL_FATAL (name);
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, (const guint8 *) buffer, (guint) n);
      CU_ASSERT_EQUAL (n, 0);
      CU_ASSERT_FALSE (g_hash_table_contains (entries, name));
      g_hash_table_insert (entries, g_strdup (name), g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  if (status != ARCHIVE_EOF)
    g_printerr ("\n  %s: %s", path, archive_error_string (archive));
  CU_ASSERT_EQUAL (status, ARCHIVE_EOF);
  return entries;
}

static gboolean
bytes_equal_text (GBytes     *bytes,
                  const char *text)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size == strlen (text) && (size == 0 || memcmp (data, text, size) == 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (handle == NULL)
    return g_strdup ("(none)");
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  CU_ASSERT_EQUAL (g_mkdir_with_parents (dir, 0755), 0);
  return dir;
}

typedef struct
{
  guint         calls;
  guint         last_done;
  guint         total;
  GCancellable *cancel_after_first;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  CU_ASSERT_EQUAL (done, progress->last_done + 1);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

/* Tests ---------------------------------------------------------------------- */

static void
test_safe_names (void)
{
  static const struct
  {
    const char *in, *out;
  } cases[] = {
    { "../../etc/passwd", "passwd" },
    { "/abs/x.pdf", "x.pdf" },
    { "C:\\Users\\evil\\..\\y.txt", "y.txt" },
    { "..\\..\\boot.ini", "boot.ini" },
    { "dir/", "file" },
    { "..", "file" },
    { ".", "file" },
    { "", "file" },
    { ".bashrc", "bashrc" },
    { "  ...name. . ", "name" },
    { "制度 汇编（2019）.pdf", "制度 汇编（2019）.pdf" },
    { "a\x01" "b\tc?.pdf", "a_b_c_.pdf" },
    { "<con>:|*\".doc", "_con_____.doc" },
    { "\xe2\x80\xae" "fdp.exe", "_fdp.exe" },  /* U+202E RIGHT-TO-LEFT OVERRIDE */
    { "\xff" "bad.pdf", "\xef\xbf\xbd" "bad.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = zicha_inspection_kit_safe_file_name (cases[i].in);

      if (!g_str_equal (out, cases[i].out))
        g_printerr ("\n  “%s” → “%s”, expected “%s”", cases[i].in, out, cases[i].out);
      CU_ASSERT_STRING_EQUAL (out, cases[i].out);
    }

  /* Long names are cut at a character boundary, keeping the extension. */
  {
    g_autoptr(GString) long_name = g_string_new (NULL);
    g_autofree char *out = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (long_name, "长");
    g_string_append (long_name, ".pdf");
    out = zicha_inspection_kit_safe_file_name (long_name->str);
    CU_ASSERT_TRUE (strlen (out) <= 120);
    CU_ASSERT_TRUE (g_utf8_validate (out, -1, NULL));
    CU_ASSERT_TRUE (g_str_has_suffix (out, ".pdf"));
    CU_ASSERT_TRUE (g_str_has_prefix (out, "长长长"));
  }
}

static void
test_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = zicha_inspection_kit_list (store, form, report_uuid, &error);
  const ZichaInspectionKitEntry *entry;

  CU_ASSERT_PTR_NOT_NULL_FATAL (entries);
  CU_ASSERT_EQUAL_FATAL (entries->len, G_N_ELEMENTS (evidence));
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      ZICHA_ASSERT_STR_EQ (entry->entry_name, evidence[i].entry_name);
      ZICHA_ASSERT_STR_EQ (entry->attachment->file_name, evidence[i].file_name);
      CU_ASSERT_PTR_NOT_NULL (entry->section);
    }

  entry = g_ptr_array_index (entries, 1);
  ZICHA_ASSERT_STR_EQ (entry->label, "1. 单位名称");
  ZICHA_ASSERT_STR_EQ (entry->value, "厦门市鹭屿实验中学");
  CU_ASSERT_PTR_NULL (entry->row_title);

  /* A row's evidence: titled by the row, no value of its own. */
  entry = g_ptr_array_index (entries, 3);
  ZICHA_ASSERT_STR_EQ (entry->label, "信息系统");
  ZICHA_ASSERT_STR_EQ (entry->row_title, "智慧校园综合管理平台");
  ZICHA_ASSERT_STR_EQ (entry->value, "");

  /* A cell's evidence: table and column, row and value. */
  entry = g_ptr_array_index (entries, 4);
  ZICHA_ASSERT_STR_EQ (entry->label, "信息系统 — 最近一次等级测评时间");
  ZICHA_ASSERT_STR_EQ (entry->row_title, "智慧校园综合管理平台");
  ZICHA_ASSERT_STR_EQ (entry->value, "2018-11-20");
}

static void
test_zip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("zip");
  g_autofree char *path = g_build_filename (dir, "迎检材料.zip", NULL);
  g_autoptr(GHashTable) zip = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *left = NULL;
  GBytes *index;
  Progress progress = { 0 };
  GHashTableIter iter;
  gpointer name;

  CU_ASSERT_TRUE_FATAL (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_ZIP, path,
                                                     on_progress, &progress, NULL, &error));
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_EQUAL (progress.calls, G_N_ELEMENTS (evidence) + 1);
  CU_ASSERT_EQUAL (progress.last_done, progress.total);
  /* Only the kit: the temporary file took its name. */
  left = list_dir (dir);
  ZICHA_ASSERT_STR_EQ (left, "迎检材料.zip");

  zip = read_zip (path);
  CU_ASSERT_EQUAL (g_hash_table_size (zip), G_N_ELEMENTS (evidence) + 1);

  /* Every name safe: relative, no "..", no back slashes, no hidden parts. */
  g_hash_table_iter_init (&iter, zip);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (name, "/", -1);

      CU_ASSERT_FALSE (g_path_is_absolute (name));
      CU_ASSERT_PTR_NULL (strchr (name, '\\'));
      for (guint i = 0; parts[i] != NULL; i++)
        CU_ASSERT_TRUE (parts[i][0] != '\0' && parts[i][0] != '.');
    }

  /* Every evidence entry is the attachment, byte for byte. */
  for (guint i = 0; i < G_N_ELEMENTS (evidence); i++)
    {
      GBytes *bytes = g_hash_table_lookup (zip, evidence[i].entry_name);

      if (bytes == NULL)
        g_printerr ("\n  missing entry %s", evidence[i].entry_name);
      CU_ASSERT_PTR_NOT_NULL_FATAL (bytes);
      CU_ASSERT_TRUE (bytes_equal_text (bytes, evidence[i].contents));
    }

  /* The index lists every file by name and SHA-256. */
  index = g_hash_table_lookup (zip, ZICHA_INSPECTION_KIT_INDEX_NAME);
  CU_ASSERT_PTR_NOT_NULL_FATAL (index);
  CU_ASSERT_TRUE (g_bytes_get_size (index) > 1000);
  pdf = zicha_test_pdf_open_bytes (index);
  text = zicha_test_pdf_dup_text (pdf);
  flat = zicha_test_squeeze (text);
  CU_ASSERT_PTR_NOT_NULL (strstr (flat, "迎检材料目录"));
  CU_ASSERT_PTR_NOT_NULL (strstr (flat, "厦门市鹭屿实验中学"));
  CU_ASSERT_PTR_NOT_NULL (strstr (flat, "附表1信息系统情况"));
  CU_ASSERT_PTR_NOT_NULL (strstr (flat, "智慧校园综合管理平台"));
  {
    g_autofree char *footer = g_strdup_printf ("第1页共%d页", poppler_document_get_n_pages (pdf));

    CU_ASSERT_PTR_NOT_NULL (strstr (flat, footer));
  }
  for (guint i = 0; i < G_N_ELEMENTS (evidence); i++)
    {
      g_autofree char *sha256 = sha256_of (evidence[i].contents);
      g_autofree char *file_name = zicha_test_squeeze (evidence[i].file_name);
      g_autofree char *entry_name = zicha_test_squeeze (evidence[i].entry_name);

      /* The hash unbroken, on one line. */
      if (strstr (text, sha256) == NULL)
        g_printerr ("\n  index.pdf lacks the SHA-256 of %s", evidence[i].file_name);
      CU_ASSERT_PTR_NOT_NULL (strstr (text, sha256));
      CU_ASSERT_PTR_NOT_NULL (strstr (flat, file_name));
      CU_ASSERT_PTR_NOT_NULL (strstr (flat, entry_name));
    }

  zicha_test_pdf_save_png (pdf, 0, "inspection-kit-index.png");
  if (poppler_document_get_n_pages (pdf) > 1)
    zicha_test_pdf_save_png (pdf, poppler_document_get_n_pages (pdf) - 1, "inspection-kit-index-last.png");
}

static void
test_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("folder");
  g_autofree char *path = g_build_filename (dir, "迎检材料", NULL);
  g_autofree char *index = g_build_filename (path, ZICHA_INSPECTION_KIT_INDEX_NAME, NULL);
  g_autofree char *left = NULL;
  g_autofree char *inside = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_FOLDER, path,
                                                     NULL, NULL, NULL, &error));
  left = list_dir (dir);
  ZICHA_ASSERT_STR_EQ (left, "迎检材料");
  inside = list_dir (path);
  ZICHA_ASSERT_STR_EQ (inside, "evidence index.pdf");
  CU_ASSERT_TRUE (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  for (guint i = 0; i < G_N_ELEMENTS (evidence); i++)
    {
      g_autofree char *file = g_build_filename (path, evidence[i].entry_name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      CU_ASSERT_TRUE_FATAL (g_file_get_contents (file, &contents, &length, NULL));
      CU_ASSERT_EQUAL (length, strlen (evidence[i].contents));
      CU_ASSERT_EQUAL (memcmp (contents, evidence[i].contents, length), 0);
    }

  /* A folder is never merged into or replaced. */
  CU_ASSERT_FALSE (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_FOLDER, path,
                                                NULL, NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_free (left);
  left = list_dir (dir);
  ZICHA_ASSERT_STR_EQ (left, "迎检材料");
}

static void
test_failures_leave_nothing (void)
{
  g_autofree char *dir = make_dir ("fail");
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "kit.zip", NULL);
  g_autofree char *blocker = g_build_filename (dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "kit.zip", NULL);
  g_autofree char *under_file_folder = g_build_filename (blocker, "kit", NULL);
  g_autofree char *existing = g_build_filename (dir, "old.zip", NULL);
  g_autofree char *cancelled_folder = g_build_filename (dir, "kit-folder", NULL);
  g_autofree char *left = NULL;
  g_autofree char *old = NULL;

  CU_ASSERT_TRUE (g_file_set_contents (blocker, "x", -1, NULL));
  CU_ASSERT_TRUE (g_file_set_contents (existing, "old kit", -1, NULL));

  /* Unwritable places: a missing folder, a "folder" that is a file. */
  {
    g_autoptr(GError) error = NULL;

    CU_ASSERT_FALSE (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_ZIP, missing,
                                                  NULL, NULL, NULL, &error));
    CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
    CU_ASSERT_FALSE (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(GError) error = NULL;

    CU_ASSERT_FALSE (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_ZIP, under_file,
                                                  NULL, NULL, NULL, &error));
    CU_ASSERT_PTR_NOT_NULL (error);
  }
  {
    g_autoptr(GError) error = NULL;

    CU_ASSERT_FALSE (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_FOLDER,
                                                  under_file_folder, NULL, NULL, NULL, &error));
    CU_ASSERT_PTR_NOT_NULL (error);
  }

  /* Cancelled half-way: the old ZIP stays as it was, no temporary file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Progress progress = { 0, 0, 0, cancellable };

    CU_ASSERT_FALSE (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_ZIP, existing,
                                                  on_progress, &progress, cancellable, &error));
    CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    CU_ASSERT_EQUAL (progress.calls, 1);
    CU_ASSERT_TRUE (g_file_get_contents (existing, &old, NULL, NULL));
    ZICHA_ASSERT_STR_EQ (old, "old kit");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Progress progress = { 0, 0, 0, cancellable };

    CU_ASSERT_FALSE (zicha_inspection_kit_export (store, form, report_uuid, ZICHA_INSPECTION_KIT_FOLDER,
                                                  cancelled_folder, on_progress, &progress, cancellable, &error));
    CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  }

  left = list_dir (dir);
  ZICHA_ASSERT_STR_EQ (left, "a-file old.zip");
}

static void
test_no_evidence (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("bare");
  g_autofree char *path = g_build_filename (dir, "kit.zip", NULL);
  g_autoptr(GHashTable) zip = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_inspection_kit_export (store, form, bare_uuid, ZICHA_INSPECTION_KIT_ZIP, path,
                                                     NULL, NULL, NULL, &error));
  zip = read_zip (path);
  CU_ASSERT_EQUAL (g_hash_table_size (zip), 1);
  pdf = zicha_test_pdf_open_bytes (g_hash_table_lookup (zip, ZICHA_INSPECTION_KIT_INDEX_NAME));
  text = zicha_test_pdf_dup_text (pdf);
  flat = zicha_test_squeeze (text);
  CU_ASSERT_PTR_NOT_NULL (strstr (flat, "本报告尚未附任何证明材料"));
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/inspection-kit/safe-names", test_safe_names },
    { "/inspection-kit/list", test_list },
    { "/inspection-kit/zip", test_zip },
    { "/inspection-kit/folder", test_folder },
    { "/inspection-kit/failures-leave-nothing", test_failures_leave_nothing },
    { "/inspection-kit/no-evidence", test_no_evidence },
    { NULL, NULL }
  };

  /* libarchive converts entry names through the locale (C.UTF-8 here). */
  setlocale (LC_ALL, "");
  return zicha_test_run ("inspection-kit", init_suite, cleanup_suite, cases);
}
