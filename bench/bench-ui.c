/* bench-ui.c — time from process start to the first frame: the start
 * screen with 50 reports and an open report with 300 systems, against a
 * bare AdwApplicationWindow started the same way in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every measurement is a fresh process: this program spawns itself as
 *
 *   bench-ui --child bare|start|report DB [REPORT]
 *
 * and takes the time from just before the spawn (g_get_monotonic_time() in
 * the parent) to the end of the first frame the window's surface drew
 * (GdkSurface::render, then the frame clock's "after-paint" of that
 * frame), which the child prints with g_get_monotonic_time(). Both read
 * CLOCK_MONOTONIC, so the difference is exact and includes fork, exec,
 * dynamic linking, GTK and libadwaita start-up, D-Bus registration and
 * everything the window does before it shows.
 *
 *   bare    an AdwApplication (same flags) with an empty
 *           AdwApplicationWindow of Zicha's default size: the baseline
 *   start   ZichaApplication on a database with 50 reports: the start
 *           screen
 *   report  ZichaApplication on a database with one report of 300
 *           systems, opened with zicha_window_open_report() right after
 *           the window is created: the first frame shows the editor
 *
 * Modes alternate within each round; one warm-up round is not counted.
 * Prints medians in seconds, the ratios to the bare window, PASS or MISS
 * against the targets of issue 6, and the median time of each step inside
 * the child (where the time goes). Machines are noisy: compare ratios, not
 * absolute numbers. Never fails on a timing; the exit status is non-zero
 * only when something fails, and 77 (skip) without a display.
 *
 *   bench-ui [--quick] [--runs N] [--keep]
 *
 * Environment: the one of the widget tests (GSETTINGS_BACKEND=memory,
 * GSETTINGS_SCHEMA_DIR, GSK_RENDERER=cairo, …); bench/meson.build sets it,
 * and a direct run fills in whatever is missing with the same values.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "zicha-application.h"
#include "zicha-demo.h"
#include "zicha-i18n.h"
#include "zicha-report-session.h"
#include "zicha-store.h"
#include "zicha-window.h"

#define N_START_REPORTS   50
#define N_SYSTEMS         300
#define SYSTEMS_TABLE     "system_list.systems"
#define FULL_RUNS         7
#define QUICK_RUNS        2
#define CHILD_TIMEOUT_S   60

/* The targets of issue 6, in percent of the bare window. */
#define START_TARGET_PERCENT  150
#define REPORT_TARGET_PERCENT 200

/* Zicha's default window size (data/io.github.zicha.Zicha.gschema.xml). */
#define WINDOW_WIDTH  1000
#define WINDOW_HEIGHT 700

/* The child ================================================================ */

typedef struct
{
  const char *mode;
  const char *db_path;
  const char *report_uuid;
  GtkWindow  *window;
  gboolean    rendered;
  gboolean    done;
  guint       seen;   /* which first-time marks were printed */
} Child;

enum
{
  SEEN_REALIZE      = 1 << 0,
  SEEN_MAP          = 1 << 1,
  SEEN_BEFORE_PAINT = 1 << 2,
  SEEN_LAYOUT       = 1 << 3,
  SEEN_RENDER       = 1 << 4,
};

/* One line per step: "mark NAME MONOTONIC-µs". The parent subtracts its
 * own spawn time. */
static void
mark (const char *name)
{
  printf ("mark %s %" G_GINT64_FORMAT "\n", name, g_get_monotonic_time ());
  fflush (stdout);
}

static void
mark_once (Child      *child,
           guint       bit,
           const char *name)
{
  if ((child->seen & bit) != 0)
    return;
  child->seen |= bit;
  mark (name);
}

static gboolean
quit_cb (gpointer data)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL)
    g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static gboolean
child_timeout_cb (gpointer data)
{
  Child *child = data;

  fprintf (stderr, "bench-ui child %s: no frame after %d s\n", child->mode, CHILD_TIMEOUT_S);
  exit (3);
  return G_SOURCE_REMOVE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Child         *child)
{
  mark_once (child, SEEN_BEFORE_PAINT, "clock-start");
}

static void
layout_cb (GdkFrameClock *clock,
           Child         *child)
{
  mark_once (child, SEEN_LAYOUT, "layout");
}

/* GdkSurface::render stops at GTK's own handler, which returns TRUE, so
 * a handler of ours would never run: an emission hook runs first. It
 * marks the start of the snapshot and drawing of the window. */
static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               data)
{
  Child *child = data;

  if (child->window != NULL && gtk_widget_get_realized (GTK_WIDGET (child->window)) &&
      g_value_get_object (&params[0]) == (GObject *) gtk_native_get_surface (GTK_NATIVE (child->window)))
    {
      child->rendered = TRUE;
      mark_once (child, SEEN_RENDER, "render");
    }
  return TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Child         *child)
{
  if (!child->rendered || child->done)
    return;
  child->done = TRUE;

  /* What the frame showed, so a wrong page cannot pass for a fast one. */
  if (ZICHA_IS_WINDOW (child->window))
    printf ("shown %s\n",
            zicha_window_get_editor (ZICHA_WINDOW (child->window)) != NULL ? "editor" : "start");
  else
    printf ("shown bare\n");
  mark ("frame");

  g_idle_add (quit_cb, NULL);
}

static void
window_realize_cb (GtkWidget *widget,
                   Child     *child)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));
  GdkFrameClock *clock = gdk_surface_get_frame_clock (surface);

  mark_once (child, SEEN_REALIZE, "realize");
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), child);
  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), child);
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                              render_hook, child, NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), child);
}

static void
window_map_cb (GtkWidget *widget,
               Child     *child)
{
  mark_once (child, SEEN_MAP, "map");
}

static void
watch_window (Child     *child,
              GtkWindow *window)
{
  child->window = window;
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), child);
  g_signal_connect_after (window, "map", G_CALLBACK (window_map_cb), child);
}

static void
startup_cb (GApplication *app,
            Child        *child)
{
  mark ("startup");
}

static void
bare_activate_cb (GApplication *app,
                  Child        *child)
{
  GtkWidget *window;

  mark ("activate");
  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_title (GTK_WINDOW (window), "Zicha");
  watch_window (child, GTK_WINDOW (window));
  mark ("window");
  gtk_window_present (GTK_WINDOW (window));
  mark ("present");
}

/* Runs before ZichaApplication's own activate, which then finds this
 * window and only presents it again. The store and, for a report, the
 * form are opened here, one step each, only to time them: the window
 * would open them itself, once, in the same order. The start screen
 * parses the form only after its first frame, so it is not loaded here. */
static void
zicha_activate_cb (GApplication *app,
                   Child        *child)
{
  ZichaApplication *zicha = ZICHA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  ZichaWindow *window;

  mark ("activate");
  if (zicha_application_get_store (zicha, &error) == NULL)
    {
      fprintf (stderr, "bench-ui child: store: %s\n", error->message);
      exit (2);
    }
  mark ("store-open");
  if (child->report_uuid != NULL)
    {
      if (zicha_application_get_default_form (zicha, &error) == NULL)
        {
          fprintf (stderr, "bench-ui child: form: %s\n", error->message);
          exit (2);
        }
      mark ("form-load");
    }

  window = zicha_window_new (zicha);
  watch_window (child, GTK_WINDOW (window));
  mark ("window");

  if (child->report_uuid != NULL)
    {
      zicha_window_open_report (window, child->report_uuid);
      if (zicha_window_get_editor (window) == NULL)
        {
          fprintf (stderr, "bench-ui child: report %s did not open\n", child->report_uuid);
          exit (2);
        }
      mark ("editor");
    }

  gtk_window_present (GTK_WINDOW (window));
  mark ("present");
}

/* The application id of this run: its own, so that the children never
 * activate a Zicha the user has open, nor another run's child. */
static char *
child_application_id (void)
{
  return g_strdup_printf ("%s.BenchUi.p%d", APP_ID, (int) getppid ());
}

static int
run_child (const char *mode,
           const char *db_path,
           const char *report_uuid)
{
  g_autoptr(GApplication) app = NULL;
  g_autofree char *app_id = child_application_id ();
  char *app_argv[] = { (char *) "bench-ui", NULL };
  Child child = { mode, db_path, report_uuid, NULL, FALSE, FALSE, 0 };
  int status;

  mark ("main");

  if (g_str_equal (mode, "bare"))
    {
      app = G_APPLICATION (adw_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), &child);
    }
  else if (g_str_equal (mode, "start") || g_str_equal (mode, "report"))
    {
      if (g_str_equal (mode, "report") && report_uuid == NULL)
        {
          fprintf (stderr, "bench-ui: --child report needs DB and REPORT\n");
          return 2;
        }
      if (g_str_equal (mode, "start"))
        child.report_uuid = NULL;

      /* As src/main.c does. */
      zicha_i18n_init ();
      app = G_APPLICATION (zicha_application_new ());
      g_application_set_application_id (app, app_id);
      zicha_application_set_database_path (ZICHA_APPLICATION (app), db_path);
      g_signal_connect (app, "activate", G_CALLBACK (zicha_activate_cb), &child);
    }
  else
    {
      fprintf (stderr, "bench-ui: unknown mode ‘%s’ (bare, start or report)\n", mode);
      return 2;
    }

  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), &child);
  g_timeout_add_seconds (CHILD_TIMEOUT_S, child_timeout_cb, &child);

  status = g_application_run (app, 1, app_argv);
  if (status == 0 && !child.done)
    {
      fprintf (stderr, "bench-ui child %s: quit before its first frame\n", mode);
      status = 3;
    }
  return status;
}

/* The parent: data =========================================================== */

/* Opens the file once more and closes it: an open of an existing file
 * makes the rotating backup (at most every ZICHA_STORE_BACKUP_INTERVAL),
 * which should not land in the first measured run. */
static gboolean
settle_store (const char  *path,
              GError     **error)
{
  g_autoptr(ZichaStore) store = zicha_store_open (path, error);

  return store != NULL;
}

/* The 50 reports of the start screen: one demo report, then copies of it
 * (one transaction each) under other units and years. */
static gboolean
make_start_database (const char  *path,
                     ZichaForm   *form,
                     double      *demo_seconds,
                     GError     **error)
{
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) demo = NULL;
  double start;

  store = zicha_store_open (path, error);
  if (store == NULL)
    return FALSE;

  start = bench_now_s ();
  demo = zicha_demo_create_report (store, form, error);
  if (demo == NULL)
    return FALSE;
  *demo_seconds = bench_now_s () - start;

  for (guint i = 1; i < N_START_REPORTS; i++)
    {
      g_autoptr(ZichaReport) copy = NULL;
      g_autofree char *unit = g_strdup_printf ("%s（第%u分校）", zicha_report_get_unit_name (demo), i);

      copy = zicha_store_copy_report (store, zicha_report_get_uuid (demo),
                                      zicha_report_get_year (demo) - (int) (i % 5), NULL, error);
      if (copy == NULL ||
          !zicha_store_set_unit (store, zicha_report_get_uuid (copy), unit,
                                 zicha_report_get_unit_code (demo), error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GPtrArray *paths;    /* char *, owned */
  GPtrArray *rows;     /* char *, owned; NULL for a plain item */
  GPtrArray *values;   /* JsonNode, owned */
} ValueList;

static void
collect_answer_cb (const char *field_path,
                   const char *row_uuid,
                   JsonNode   *value,
                   gboolean    needs_review,
                   gpointer    user_data)
{
  ValueList *list = user_data;

  g_ptr_array_add (list->paths, g_strdup (field_path));
  g_ptr_array_add (list->rows, g_strdup (row_uuid));
  g_ptr_array_add (list->values, json_node_copy (value));
}

static void
add_value (ValueList  *list,
           const char *path,
           const char *row,
           JsonNode   *value)
{
  g_ptr_array_add (list->paths, g_strdup (path));
  g_ptr_array_add (list->rows, g_strdup (row));
  g_ptr_array_add (list->values, value);
}

static const char *
column_of (const char *field_path)
{
  const char *dot = strrchr (field_path, '.');

  return dot != NULL ? dot + 1 : field_path;
}

/* One report with 300 systems: the demo's answers and rows, plus copies
 * of its systems (each with every column the demo row has, a name and a
 * filing number of its own) up to N_SYSTEMS, and the counts of 表一 made
 * to match. Imported in one transaction. Returns the report's UUID. */
static char *
make_report_database (const char  *path,
                      const char  *demo_db_path,
                      ZichaForm   *form,
                      GError     **error)
{
  g_autoptr(ZichaStore) source = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GArray) import_rows = g_array_new (FALSE, TRUE, sizeof (ZichaStoreImportRow));
  g_autoptr(GArray) import_values = g_array_new (FALSE, TRUE, sizeof (ZichaStoreImportValue));
  g_autoptr(GPtrArray) row_uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) table_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) demo_systems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *version = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  ValueList list = {
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref),
  };
  guint n_demo_values;
  guint levels[4] = { 0 };   /* l4, l3, l2, unrated */
  ZichaReport *demo;
  ZichaStoreImport import = { 0 };
  char *result = NULL;

  source = zicha_store_open (demo_db_path, error);
  if (source == NULL)
    goto out;
  reports = zicha_store_list_reports (source, error);
  if (reports == NULL)
    goto out;
  /* Newest first: the demo itself is the oldest. */
  demo = reports->pdata[reports->len - 1];

  /* Rows of every table, in order. */
  for (guint i = 0; i < zicha_form_get_n_all_items (form); i++)
    {
      ZichaFormItem *table = zicha_form_get_all_item (form, i);
      g_auto(GStrv) rows = NULL;

      if (zicha_form_item_get_item_type (table) != ZICHA_FORM_ITEM_TABLE)
        continue;

      rows = zicha_store_list_rows (source, zicha_report_get_uuid (demo),
                                    zicha_report_session_field_key (table), error);
      if (rows == NULL)
        goto out;
      for (guint r = 0; rows[r] != NULL; r++)
        {
          g_ptr_array_add (table_paths, g_strdup (zicha_report_session_field_key (table)));
          g_ptr_array_add (row_uuids, g_strdup (rows[r]));
          if (g_str_equal (zicha_report_session_field_key (table), SYSTEMS_TABLE))
            g_ptr_array_add (demo_systems, g_strdup (rows[r]));
        }
    }
  if (demo_systems->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the demo report has no %s rows", SYSTEMS_TABLE);
      goto out;
    }

  if (!zicha_store_foreach_answer (source, zicha_report_get_uuid (demo), collect_answer_cb, &list, error))
    goto out;
  n_demo_values = list.paths->len;

  /* More systems, each a copy of one of the demo's. */
  for (guint s = demo_systems->len; s < N_SYSTEMS; s++)
    {
      const char *model = demo_systems->pdata[s % demo_systems->len];
      char *row = g_uuid_string_random ();

      g_ptr_array_add (table_paths, g_strdup (SYSTEMS_TABLE));
      g_ptr_array_add (row_uuids, row);

      for (guint v = 0; v < n_demo_values; v++)
        {
          const char *field = list.paths->pdata[v];
          const char *column = column_of (field);
          JsonNode *value;

          if (g_strcmp0 (list.rows->pdata[v], model) != 0)
            continue;

          if (g_str_equal (column, "name"))
            {
              g_autofree char *name = g_strdup_printf ("业务系统 %03u（%s）", s + 1,
                                                       json_node_get_string (list.values->pdata[v]));

              value = json_node_init_string (json_node_alloc (), name);
            }
          else if (g_str_equal (column, "filing_number"))
            {
              g_autofree char *number = g_strdup_printf ("35020013001-%05u", s + 1);

              value = json_node_init_string (json_node_alloc (), number);
            }
          else
            value = json_node_copy (list.values->pdata[v]);
          add_value (&list, field, row, value);
        }
    }

  /* 表一's counts of systems by level, to match the table. */
  for (guint v = 0; v < list.paths->len; v++)
    {
      const char *level;

      if (list.rows->pdata[v] == NULL || !g_str_equal (column_of (list.paths->pdata[v]), "level") ||
          !g_str_has_prefix (list.paths->pdata[v], SYSTEMS_TABLE "."))
        continue;
      level = json_node_get_string (list.values->pdata[v]);
      levels[g_strcmp0 (level, "l4") == 0 ? 0 :
             g_strcmp0 (level, "l3") == 0 ? 1 :
             g_strcmp0 (level, "l2") == 0 ? 2 : 3]++;
    }
  for (guint v = 0; v < n_demo_values; v++)
    {
      static const char * const counts[] = {
        "basic.systems_level4", "basic.systems_level3", "basic.systems_level2", "basic.systems_unrated",
      };
      const char *field = list.paths->pdata[v];

      if (g_str_equal (field, "basic.systems_total"))
        json_node_set_int (list.values->pdata[v], N_SYSTEMS);
      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        if (g_str_equal (field, counts[c]))
          json_node_set_int (list.values->pdata[v], levels[c]);
    }

  for (guint r = 0; r < row_uuids->len; r++)
    {
      ZichaStoreImportRow row = { table_paths->pdata[r], row_uuids->pdata[r] };

      g_array_append_val (import_rows, row);
    }
  for (guint v = 0; v < list.paths->len; v++)
    {
      ZichaStoreImportValue value = { list.paths->pdata[v], list.rows->pdata[v], list.values->pdata[v] };

      g_array_append_val (import_values, value);
    }

  version = g_strdup_printf ("%u", zicha_form_get_version (form));
  import.uuid = uuid;
  import.form_id = zicha_form_get_id (form);
  import.form_version = version;
  import.unit_name = zicha_report_get_unit_name (demo);
  import.unit_code = zicha_report_get_unit_code (demo);
  import.year = zicha_report_get_year (demo);
  import.revision = 1;
  import.state = ZICHA_REPORT_DRAFT;
  import.rows = (const ZichaStoreImportRow *) import_rows->data;
  import.n_rows = import_rows->len;
  import.values = (const ZichaStoreImportValue *) import_values->data;
  import.n_values = import_values->len;

  store = zicha_store_open (path, error);
  if (store == NULL)
    goto out;
  report = zicha_store_import_report (store, &import, error);
  if (report == NULL)
    goto out;

  /* Check what the editor will find. */
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, SYSTEMS_TABLE, error);

    if (rows == NULL)
      goto out;
    if (g_strv_length (rows) != N_SYSTEMS)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%u systems imported, not %u",
                     g_strv_length (rows), N_SYSTEMS);
        goto out;
      }
  }
  result = g_steal_pointer (&uuid);

out:
  g_ptr_array_unref (list.paths);
  g_ptr_array_unref (list.rows);
  g_ptr_array_unref (list.values);
  return result;
}

/* The parent: runs ============================================================ */

typedef enum
{
  MODE_BARE,
  MODE_START,
  MODE_REPORT,
  N_MODES
} Mode;

static const char * const mode_names[N_MODES] = { "bare", "start", "report" };

/* Steps a child reports, in the order they happen; "frame" is the
 * measurement. Not every mode has every step. */
static const char * const step_names[] = {
  "main", "startup", "activate", "store-open", "form-load", "window", "editor",
  "realize", "map", "present", "clock-start", "layout", "render", "frame",
};
#define N_STEPS G_N_ELEMENTS (step_names)
#define STEP_FRAME (N_STEPS - 1)

typedef struct
{
  GArray *steps[N_STEPS];   /* seconds since the spawn, per run */
} Samples;

static int
step_index (const char *name)
{
  for (guint i = 0; i < N_STEPS; i++)
    if (g_str_equal (step_names[i], name))
      return (int) i;
  return -1;
}

/* Spawns one child and returns its steps, seconds since the spawn, in
 * @times (negative when missing). */
static gboolean
run_once (const char  *self_path,
          Mode         mode,
          const char  *db_path,
          const char  *report_uuid,
          double      *times,
          GError     **error)
{
  const char *argv[] = {
    self_path, "--child", mode_names[mode], db_path, report_uuid, NULL,
  };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *shown = NULL;
  const char *expected = mode == MODE_BARE ? "bare" : mode == MODE_START ? "start" : "editor";
  gint64 spawned;
  int wait_status;

  for (guint i = 0; i < N_STEPS; i++)
    times[i] = -1.0;

  spawned = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &wait_status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "child %s: ", mode_names[mode]);
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 3);
      int step;

      if (g_strv_length (fields) == 2 && g_str_equal (fields[0], "shown"))
        {
          shown = g_intern_string (fields[1]);
          continue;
        }
      if (g_strv_length (fields) != 3 || !g_str_equal (fields[0], "mark"))
        continue;
      step = step_index (fields[1]);
      if (step >= 0)
        times[step] = (g_ascii_strtoll (fields[2], NULL, 10) - spawned) / 1e6;
    }

  if (times[STEP_FRAME] < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "child %s printed no frame", mode_names[mode]);
      return FALSE;
    }
  if (g_strcmp0 (shown, expected) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "child %s showed %s, not %s",
                   mode_names[mode], shown != NULL ? shown : "nothing", expected);
      return FALSE;
    }
  return TRUE;
}

static const char *
pass_or_miss (double value,
              double baseline,
              guint  target_percent)
{
  return value * 100.0 <= baseline * target_percent ? "PASS" : "MISS";
}

/* Sets what the widget tests set (tests/meson.build), unless the caller
 * did: a direct run then measures the same thing as `meson test`. */
static void
default_environment (void)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", ZICHA_BUILD_ROOT "/data", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("LC_ALL", "C.UTF-8", FALSE);
  g_setenv ("ZICHA_DATADIR", ZICHA_SOURCE_ROOT "/data", FALSE);
  g_setenv ("ZICHA_LOCALEDIR", ZICHA_BUILD_ROOT "/po", FALSE);
}

static void
print_environment (void)
{
  static const char * const names[] = {
    "GSETTINGS_BACKEND", "GSK_RENDERER", "GTK_A11Y", "NO_AT_BRIDGE", "LC_ALL", "LANGUAGE", "GDK_BACKEND",
  };

  printf ("# environment:");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_getenv (names[i]) != NULL)
      printf (" %s=%s", names[i], g_getenv (names[i]));
  printf ("\n");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *start_db = NULL;
  g_autofree char *report_db = NULL;
  g_autofree char *report_uuid = NULL;
  g_auto(GStrv) extra_args = NULL;
  gboolean quick = FALSE;
  gboolean keep = FALSE;
  int runs = 0;
  Samples samples[N_MODES];
  double demo_seconds = 0.0;
  double start, bare_frame, start_frame, report_frame;
  int status = 0;
  GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Two runs of each, as a smoke test", NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Measured runs of each mode (default 7)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the databases", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &extra_args, NULL, NULL },
    { NULL }
  };

  /* The child first, before anything else runs in it. */
  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argc >= 5 ? argv[4] : NULL);

  context = g_option_context_new ("— time to the first frame of Zicha's windows");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-ui: %s\n", error->message);
      return 2;
    }
  if (extra_args != NULL)
    {
      fprintf (stderr, "bench-ui: unexpected arguments (--child MODE DB [REPORT] comes first)\n");
      return 2;
    }
  if (runs <= 0)
    runs = quick ? QUICK_RUNS : FULL_RUNS;

  default_environment ();

  /* Only to know whether there is a display at all. */
  if (!gtk_init_check ())
    {
      printf ("no display: skipped\n");
      return 77;
    }

  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    {
      fprintf (stderr, "bench-ui: %s\n", error->message);
      return 1;
    }

  start = bench_now_s ();
  printf ("# Zicha UI benchmark (%s run): time from process start to the first frame\n",
          quick ? "quick" : "full");
  printf ("# Each mode is a fresh process (this program with --child); the time runs from\n"
          "# just before the spawn to the end of the first frame the window drew. Modes\n"
          "# alternate; one warm-up round is not counted. %d measured runs of each.\n", runs);
  printf ("# bare:   AdwApplication + empty AdwApplicationWindow %d×%d (the baseline)\n",
          WINDOW_WIDTH, WINDOW_HEIGHT);
  printf ("# start:  Zicha's start screen with %d reports\n", N_START_REPORTS);
  printf ("# report: Zicha opening a report with %d systems (and the demo's other answers)\n", N_SYSTEMS);
  printf ("# GTK %u.%u.%u, libadwaita %u.%u.%u\n",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
  print_environment ();
  fflush (stdout);

  dir = g_dir_make_tmp ("zicha-bench-ui-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-ui: %s\n", error->message);
      return 1;
    }
  start_db = g_build_filename (dir, "start", "zicha.db", NULL);
  report_db = g_build_filename (dir, "report", "zicha.db", NULL);
  {
    g_autofree char *start_dir = g_path_get_dirname (start_db);
    g_autofree char *report_dir = g_path_get_dirname (report_db);

    g_mkdir (start_dir, 0700);
    g_mkdir (report_dir, 0700);
  }

  form = bench_load_default_form ("bench-ui", NULL);
  if (form == NULL)
    {
      status = 1;
      goto out;
    }

  {
    double t = bench_now_s ();

    if (!make_start_database (start_db, form, &demo_seconds, &error) ||
        (report_uuid = make_report_database (report_db, start_db, form, &error)) == NULL ||
        !settle_store (start_db, &error) || !settle_store (report_db, &error))
      {
        fprintf (stderr, "bench-ui: preparing the databases: %s\n", error->message);
        status = 1;
        goto out;
      }
    printf ("setup demo report (zicha_demo_create_report, not a measurement): %.2f s\n", demo_seconds);
    printf ("setup databases in total (not a measurement): %.2f s\n", bench_now_s () - t);
    fflush (stdout);
  }

  for (guint m = 0; m < N_MODES; m++)
    for (guint s = 0; s < N_STEPS; s++)
      samples[m].steps[s] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int round = 0; round <= runs && status == 0; round++)
    for (guint m = 0; m < N_MODES; m++)
      {
        const char *db = m == MODE_REPORT ? report_db : start_db;
        double times[N_STEPS];

        if (!run_once (self_path, m, db, m == MODE_REPORT ? report_uuid : NULL, times, &error))
          {
            fprintf (stderr, "bench-ui: %s\n", error->message);
            status = 1;
            break;
          }
        if (round == 0)
          {
            printf ("# warm-up %-6s first frame: %.3f s (not counted)\n", mode_names[m], times[STEP_FRAME]);
            continue;
          }
        printf ("# run %d %-6s first frame: %.3f s\n", round, mode_names[m], times[STEP_FRAME]);
        for (guint s = 0; s < N_STEPS; s++)
          if (times[s] >= 0)
            g_array_append_val (samples[m].steps[s], times[s]);
      }
  fflush (stdout);

  if (status == 0)
    {
      bare_frame = bench_median (samples[MODE_BARE].steps[STEP_FRAME]);
      start_frame = bench_median (samples[MODE_START].steps[STEP_FRAME]);
      report_frame = bench_median (samples[MODE_REPORT].steps[STEP_FRAME]);

      printf ("\n## First frame, median of %d runs\n", runs);
      printf ("first frame bare   median: %.3f s\n", bare_frame);
      printf ("first frame start  median: %.3f s\n", start_frame);
      printf ("first frame report median: %.3f s\n", report_frame);
      printf ("ratio start/bare:  %.2f ×\n", start_frame / bare_frame);
      printf ("ratio report/bare: %.2f ×\n", report_frame / bare_frame);
      printf ("target start within 1.5× bare:  %s\n",
              pass_or_miss (start_frame, bare_frame, START_TARGET_PERCENT));
      printf ("target report within 2× bare:   %s\n",
              pass_or_miss (report_frame, bare_frame, REPORT_TARGET_PERCENT));

      printf ("\n## Where the time goes: median time since the spawn at the end of each step\n");
      printf ("# main: main() entered (exec + dynamic linking); startup: GTK and libadwaita\n"
              "# initialized; store-open, form-load: opened by the application (the start\n"
              "# screen parses the form after its first frame); window: the\n"
              "# window built (the start screen's list filled); editor: zicha_window_open_report()\n"
              "# returned; realize, map: inside gtk_window_present(), which measures the whole\n"
              "# window between the two; present: it returned; clock-start: the first frame\n"
              "# began; layout: measured and allocated; render: snapshot and drawing began;\n"
              "# frame: the frame ended (after-paint).\n");
      printf ("%-16s %10s %10s %10s\n", "# step", "bare", "start", "report");
      for (guint s = 0; s < N_STEPS; s++)
        {
          printf ("step %-11s", step_names[s]);
          for (guint m = 0; m < N_MODES; m++)
            {
              if (samples[m].steps[s]->len > 0)
                printf (" %8.3f s", bench_median (samples[m].steps[s]));
              else
                printf (" %10s", "-");
            }
          printf ("\n");
        }
    }

  for (guint m = 0; m < N_MODES; m++)
    for (guint s = 0; s < N_STEPS; s++)
      g_array_unref (samples[m].steps[s]);

  printf ("\n# total time: %.1f s\n", bench_now_s () - start);

out:
  if (keep)
    printf ("# databases kept in %s (report %s)\n", dir, report_uuid != NULL ? report_uuid : "-");
  else
    bench_remove_tree (dir);
  return status;
}
