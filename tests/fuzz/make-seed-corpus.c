/* make-seed-corpus.c — writes the package import fuzzer's seed corpus:
 * small valid packages of the default form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: make-seed-corpus DIR (or `ninja -C build fuzz-seed-corpus`, which
 * writes tests/fuzz/corpus/package/). The reports are made in a temporary
 * store and exported with zicha_package_export(), so the seeds follow the
 * package format this build writes. UUIDs and times differ on every run.
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-fuzz"

#include <stdio.h>

#include <glib/gstdio.h>

#include "zicha-digest.h"
#include "zicha-package.h"
#include "zicha-report-session.h"

static ZichaStore *store;
static ZichaForm *form;

static void
check (gboolean      ok,
       const GError *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static void
set (const char *report,
     const char *path,
     const char *row,
     const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string (json, &error);

  check (value != NULL, error);
  check (zicha_store_set_value (store, report, path, row, value, &error), error);
}

static char *
new_report (const char *unit_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = g_strdup_printf ("%u", zicha_form_get_version (form));
  g_autoptr(ZichaReport) report = zicha_store_create_report (store, zicha_form_get_id (form), version, unit_name,
                                                             "12350200426600088D", 2019, &error);

  check (report != NULL, error);
  return g_strdup (zicha_report_get_uuid (report));
}

static void
add_rows (const char *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = zicha_store_add_row (store, report, "system_list.systems", &error);
  g_autoptr(GBytes) evidence = g_bytes_new_static ("filing certificate", 18);
  g_autofree char *attachment = NULL;

  check (row != NULL, error);
  set (report, "system_list.systems[].name", row, "\"教务管理系统\"");
  set (report, "system_list.systems[].level", row, "2");
  attachment = zicha_store_attach_bytes (store, report, "system_list.systems[].filing_number", row,
                                         "备案证明.txt", "text/plain", evidence, &error);
  check (attachment != NULL, error);
}

static void
finalize (const char *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaAnswers) answers = zicha_store_load_answers (store, form, report, &error);
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *digest = NULL;

  check (answers != NULL, error);
  attachments = zicha_store_list_attachments (store, report, &error);
  check (attachments != NULL, error);
  digest = zicha_report_digest (answers, attachments);
  check (zicha_store_finalize_report (store, report, digest, &error), error);
}

static void
export (const char *report,
        const char *dir,
        const char *name,
        gboolean    documents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) table = g_bytes_new_static ("%PDF-1.7\n%%EOF\n", 15);
  g_autoptr(GBytes) text = g_bytes_new_static ("%PDF-1.7\n%%EOF\n", 15);

  check (zicha_package_export (store, form, report, documents ? table : NULL, documents ? text : NULL,
                               path, &error), error);
  printf ("%s\n", path);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *form_path = zicha_form_default_path ();
  g_autofree char *tmpdir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *minimal = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *finalized = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DIR\n", argv[0]);
      return 2;
    }

  if (form_path == NULL)
    g_error ("The default form is not installed; set ZICHA_DATADIR to the data folder.");
  form = zicha_form_new_from_file (form_path, &error);
  check (form != NULL, error);

  tmpdir = g_dir_make_tmp ("zicha-seeds-XXXXXX", &error);
  check (tmpdir != NULL, error);
  db_path = g_build_filename (tmpdir, "zicha.db", NULL);
  store = zicha_store_open (db_path, &error);
  check (store != NULL, error);
  check (g_mkdir_with_parents (argv[1], 0755) == 0, NULL);

  minimal = new_report ("某某中学");
  set (minimal, "basic.unit_name", NULL, "\"某某中学\"");
  export (minimal, argv[1], "valid-draft-minimal.zicha", FALSE);

  rows = new_report ("某某大学");
  set (rows, "basic.unit_name", NULL, "\"某某大学\"");
  set (rows, "basic.uscc", NULL, "\"12350200426600088D\"");
  add_rows (rows);
  export (rows, argv[1], "valid-draft-rows.zicha", FALSE);
  export (rows, argv[1], "valid-draft-documents.zicha", TRUE);

  finalized = new_report ("某某职业学院");
  set (finalized, "basic.unit_name", NULL, "\"某某职业学院\"");
  add_rows (finalized);
  finalize (finalized);
  export (finalized, argv[1], "valid-finalized.zicha", FALSE);

  /* The store, its WAL and its backups go; the seeds stay. */
  g_clear_object (&store);
  remove_tree (tmpdir);
  g_clear_object (&form);
  return 0;
}
