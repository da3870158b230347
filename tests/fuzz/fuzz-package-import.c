/* fuzz-package-import.c — libFuzzer target: package import must refuse
 * any input cleanly, never crash, leak or read out of bounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   CC=clang meson setup build-fuzz -Dfuzzing=true
 *   ninja -C build-fuzz tests/fuzz/fuzz-package-import
 *   build-fuzz/tests/fuzz/fuzz-package-import -max_total_time=60 \
 *       NEW_CORPUS_DIR tests/fuzz/corpus/package
 */
#include "config.h"

#include <stdlib.h>

#define G_LOG_DOMAIN "zicha-fuzz"

#include "fuzz-package-import.h"
#include "zicha-package.h"

/* abort(), not the SIGTRAP of fatal GLib messages: libFuzzer saves the
 * input on SIGABRT, and so reports it. */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return output;
}

/* Loaded once: the form is immutable and costs more than an import. */
static ZichaForm *
get_form (void)
{
  static ZichaForm *form;

  if (form == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = zicha_form_default_path ();

      if (path == NULL)
        g_error ("The default form is not installed; set ZICHA_DATADIR to the data folder.");
      form = zicha_form_new_from_file (path, &error);
      if (form == NULL)
        g_error ("%s", error->message);

      /* A critical is a bug the fuzzer found: make it a crash. */
      g_log_set_writer_func (abort_on_warnings, NULL, NULL);
    }

  return form;
}

/* An in-memory database, reused while imports are refused: a refused
 * import changes nothing, which is checked below, so every input meets an
 * empty store, and opening one (creating the schema) costs more than most
 * imports. */
static ZichaStore *store;

static ZichaStore *
get_empty_store (void)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      store = zicha_store_open (":memory:", &error);
      if (store == NULL)
        g_error ("Could not open an in-memory store: %s", error->message);
    }

  return store;
}

static void
assert_store_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = zicha_store_list_reports (store, &error);

  if (reports == NULL)
    g_error ("Could not list the reports: %s", error->message);
  if (reports->len != 0)
    g_error ("A refused package left %u reports in the store", reports->len);
}

gboolean
fuzz_package_import (const uint8_t  *data,
                     size_t          size,
                     GError        **error)
{
  g_autoptr(GBytes) package = g_bytes_new_static (data, size);
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReport) again = NULL;
  ZichaForm *form = get_form ();
  ZichaPackageImportOutcome outcome;

  report = zicha_package_import_bytes (get_empty_store (), form, package, NULL, &outcome, error);
  if (report == NULL)
    {
      assert_store_empty ();
      return FALSE;
    }

  /* What imported once imports again as the same report. */
  again = zicha_package_import_bytes (store, form, package, NULL, &outcome, error);
  if (again == NULL || outcome != ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT ||
      !g_str_equal (zicha_report_get_uuid (again), zicha_report_get_uuid (report)))
    g_error ("A package that imported once did not import again as the same report");

  /* The next input gets a new, empty store. */
  g_clear_object (&store);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;

  fuzz_package_import (data, size, &error);
  return 0;
}
