/* test-store.c — the offline store: reports, answers, rows, history,
 * finalization, attachments, damage handling, backups, migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "zicha-store.h"
#include "zicha-test.h"

#define FORM_ID "edu-cybersec-selfcheck-2019"

static char *tmpdir;
static char *db_path;
static ZichaStore *store;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "zicha.db", NULL);
  store = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  zicha_store_set_author (store, "tester");
}

static void
teardown (void)
{
  g_clear_object (&store);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
}

static ZichaReport *
new_report (void)
{
  g_autoptr(GError) error = NULL;
  ZichaReport *report = zicha_store_create_report (store, FORM_ID, "1", "某某中学",
                                                   "12350200426600088D", 2019, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  return report;
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static gboolean
set_string (const char  *report,
            const char  *path,
            const char  *row,
            const char  *text,
            GError     **error)
{
  g_autoptr(JsonNode) node = text != NULL ? string_node (text) : NULL;

  return zicha_store_set_value (store, report, path, row, node, error);
}

/* The value as text, "(none)" when unanswered. */
static char *
get_string (const char *report,
            const char *path,
            const char *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = zicha_store_get_value (store, report, path, row, &error);

  CU_ASSERT_PTR_NULL (error);
  if (node == NULL)
    return g_strdup ("(none)");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  return db;
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Opening ---------------------------------------------------------------- */

static void
test_open_sets_wal_and_schema (void)
{
  sqlite3 *db;
  g_autofree char *mode = NULL;
  g_autofree char *version = NULL;

  setup ();
  db = raw_open (db_path);
  mode = raw_query_text (db, "PRAGMA journal_mode");
  version = raw_query_text (db, "PRAGMA user_version");
  sqlite3_close (db);

  ZICHA_ASSERT_STR_EQ (mode, "wal");
  CU_ASSERT_EQUAL (atoi (version), ZICHA_STORE_SCHEMA_VERSION);
  ZICHA_ASSERT_STR_EQ (zicha_store_get_path (store), db_path);
  teardown ();
}

static void
test_migrate_from_version_0 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = zicha_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *version = NULL;
  g_autoptr(ZichaStore) opened = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  sqlite3 *db;

  /* Version 0: a database file that SQLite created but no schema yet, as a
   * crash during the very first start leaves it. */
  db = raw_open (path);
  CU_ASSERT_EQUAL (sqlite3_exec (db, "CREATE TABLE unrelated (x); DROP TABLE unrelated;", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  opened = zicha_store_open (path, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (opened);
  reports = zicha_store_list_reports (opened, &error);
  CU_ASSERT_EQUAL (reports->len, 0);

  db = raw_open (path);
  version = raw_query_text (db, "PRAGMA user_version");
  sqlite3_close (db);
  CU_ASSERT_EQUAL (atoi (version), ZICHA_STORE_SCHEMA_VERSION);

  g_clear_object (&opened);
  zicha_test_rmdir (dir);
}

static void
test_reopen_keeps_everything (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *value = NULL;

  setup ();
  report = new_report ();
  CU_ASSERT_TRUE (set_string (zicha_report_get_uuid (report), "basic.unit_name", NULL, "某某中学", &error));
  g_clear_object (&store);

  store = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  reports = zicha_store_list_reports (store, &error);
  CU_ASSERT_EQUAL_FATAL (reports->len, 1);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_uuid (reports->pdata[0]), zicha_report_get_uuid (report));
  ZICHA_ASSERT_STR_EQ (zicha_report_get_unit_name (reports->pdata[0]), "某某中学");
  value = get_string (zicha_report_get_uuid (report), "basic.unit_name", NULL);
  ZICHA_ASSERT_STR_EQ (value, "某某中学");
  teardown ();
}

/* Reports ------------------------------------------------------------------- */

static void
test_create_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReport) bad = NULL;

  setup ();
  report = new_report ();
  ZICHA_ASSERT_STR_EQ (zicha_report_get_form_id (report), FORM_ID);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_unit_code (report), "12350200426600088D");
  CU_ASSERT_EQUAL (zicha_report_get_year (report), 2019);
  CU_ASSERT_EQUAL (zicha_report_get_state (report), ZICHA_REPORT_DRAFT);
  CU_ASSERT_EQUAL (zicha_report_get_revision (report), 1);
  CU_ASSERT_TRUE (zicha_report_is_editable (report));
  CU_ASSERT_PTR_NULL (zicha_report_get_finalized (report));
  CU_ASSERT_PTR_NOT_NULL (zicha_report_get_created (report));
  CU_ASSERT_TRUE (g_uuid_string_is_valid (zicha_report_get_uuid (report)));

  bad = zicha_store_create_report (store, FORM_ID, "1", "", "", 19, &error);
  CU_ASSERT_PTR_NULL (bad);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  teardown ();
}

static void
test_unknown_report (void)
{
  g_autoptr(GError) error = NULL;

  setup ();
  CU_ASSERT_FALSE (set_string ("00000000-0000-4000-8000-000000000000", "a.b", NULL, "x", &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND));
  teardown ();
}

static void
test_delete_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  setup ();
  report = new_report ();
  CU_ASSERT_TRUE (set_string (zicha_report_get_uuid (report), "a.b", NULL, "x", &error));
  CU_ASSERT_TRUE (zicha_store_delete_report (store, zicha_report_get_uuid (report), &error));
  CU_ASSERT_PTR_NULL (error);
  reports = zicha_store_list_reports (store, &error);
  CU_ASSERT_EQUAL (reports->len, 0);
  teardown ();
}

/* Answers and the change log ------------------------------------------------------ */

static void
test_set_get_clear_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(JsonNode) count = int_node (12);
  g_autoptr(JsonNode) read_back = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  CU_ASSERT_TRUE (set_string (uuid, "basic.address", NULL, "厦门市思明区", &error));
  v1 = get_string (uuid, "basic.address", NULL);
  ZICHA_ASSERT_STR_EQ (v1, "厦门市思明区");

  CU_ASSERT_TRUE (zicha_store_set_value (store, uuid, "basic.systems_total", NULL, count, &error));
  read_back = zicha_store_get_value (store, uuid, "basic.systems_total", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (read_back);
  CU_ASSERT_EQUAL (json_node_get_int (read_back), 12);

  CU_ASSERT_TRUE (set_string (uuid, "basic.address", NULL, NULL, &error));
  v2 = get_string (uuid, "basic.address", NULL);
  ZICHA_ASSERT_STR_EQ (v2, "(none)");
  teardown ();
}

static void
test_change_log_records_who_old_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  ZichaChange *second;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  CU_ASSERT_TRUE (set_string (uuid, "basic.phone", NULL, "0592-1234567", &error));
  CU_ASSERT_TRUE (set_string (uuid, "basic.phone", NULL, "0592-7654321", &error));
  /* The same value again is not a change. */
  CU_ASSERT_TRUE (set_string (uuid, "basic.phone", NULL, "0592-7654321", &error));

  changes = zicha_store_list_changes (store, uuid, &error);
  CU_ASSERT_EQUAL_FATAL (changes->len, 2);
  second = changes->pdata[1];
  ZICHA_ASSERT_STR_EQ (second->author, "tester");
  ZICHA_ASSERT_STR_EQ (second->kind, "set");
  ZICHA_ASSERT_STR_EQ (second->origin, "edit");
  ZICHA_ASSERT_STR_EQ (second->field_path, "basic.phone");
  ZICHA_ASSERT_STR_EQ (second->old_value, "\"0592-1234567\"");
  ZICHA_ASSERT_STR_EQ (second->new_value, "\"0592-7654321\"");
  CU_ASSERT_PTR_NOT_NULL (second->time);
  teardown ();
}

static void
test_change_log_is_append_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  sqlite3 *db;

  setup ();
  report = new_report ();
  CU_ASSERT_TRUE (set_string (zicha_report_get_uuid (report), "a.b", NULL, "x", &error));

  db = raw_open (db_path);
  CU_ASSERT_NOT_EQUAL (sqlite3_exec (db, "UPDATE changes SET author = 'mallory'", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  teardown ();
}

/* Undo and redo ------------------------------------------------------------------ */

static void
test_undo_redo_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *touched = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  CU_ASSERT_FALSE (zicha_store_can_undo (store, uuid));
  CU_ASSERT_TRUE (set_string (uuid, "basic.uscc", NULL, "12350200426600088D", &error));
  CU_ASSERT_TRUE (set_string (uuid, "basic.uscc", NULL, "12350200426600088X", &error));
  CU_ASSERT_TRUE (zicha_store_can_undo (store, uuid));
  CU_ASSERT_FALSE (zicha_store_can_redo (store, uuid));

  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, &touched, &error));
  ZICHA_ASSERT_STR_EQ (touched, "basic.uscc");
  {
    g_autofree char *v = get_string (uuid, "basic.uscc", NULL);
    ZICHA_ASSERT_STR_EQ (v, "12350200426600088D");
  }
  CU_ASSERT_TRUE (zicha_store_can_redo (store, uuid));

  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_autofree char *v = get_string (uuid, "basic.uscc", NULL);
    ZICHA_ASSERT_STR_EQ (v, "(none)");
  }
  CU_ASSERT_FALSE (zicha_store_undo (store, uuid, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOTHING_TO_UNDO));
  g_clear_error (&error);

  CU_ASSERT_TRUE (zicha_store_redo (store, uuid, NULL, &error));
  CU_ASSERT_TRUE (zicha_store_redo (store, uuid, NULL, &error));
  {
    g_autofree char *v = get_string (uuid, "basic.uscc", NULL);
    ZICHA_ASSERT_STR_EQ (v, "12350200426600088X");
  }
  CU_ASSERT_FALSE (zicha_store_redo (store, uuid, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOTHING_TO_REDO));
  teardown ();
}

static void
test_new_edit_clears_redo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  CU_ASSERT_TRUE (set_string (uuid, "a.b", NULL, "1", &error));
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  CU_ASSERT_TRUE (zicha_store_can_redo (store, uuid));
  CU_ASSERT_TRUE (set_string (uuid, "a.c", NULL, "2", &error));
  CU_ASSERT_FALSE (zicha_store_can_redo (store, uuid));
  teardown ();
}

static void
test_undo_survives_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *value = NULL;

  setup ();
  report = new_report ();
  uuid = g_strdup (zicha_report_get_uuid (report));
  CU_ASSERT_TRUE (set_string (uuid, "a.b", NULL, "first", &error));
  CU_ASSERT_TRUE (set_string (uuid, "a.b", NULL, "second", &error));
  g_clear_object (&store);

  store = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  value = get_string (uuid, "a.b", NULL);
  ZICHA_ASSERT_STR_EQ (value, "first");
  teardown ();
}

static void
test_typing_coalesces_into_one_undo_step (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *typed[] = { "某", "某某", "某某中", "某某中学" };
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);
  CU_ASSERT_TRUE (set_string (uuid, "basic.address", NULL, "厦门", &error));

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(JsonNode) node = string_node (typed[i]);

      CU_ASSERT_TRUE (zicha_store_set_value_full (store, uuid, "basic.unit_name", NULL, node,
                                                  ZICHA_STORE_SET_COALESCE, &error));
    }

  /* Every keystroke is in the log ... */
  changes = zicha_store_list_changes (store, uuid, &error);
  CU_ASSERT_EQUAL (changes->len, 1 + G_N_ELEMENTS (typed));

  /* ... but one undo takes back the whole word, and only that. */
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_autofree char *name = get_string (uuid, "basic.unit_name", NULL);
    g_autofree char *address = get_string (uuid, "basic.address", NULL);

    ZICHA_ASSERT_STR_EQ (name, "(none)");
    ZICHA_ASSERT_STR_EQ (address, "厦门");
  }

  /* Redo brings the whole word back. */
  CU_ASSERT_TRUE (zicha_store_redo (store, uuid, NULL, &error));
  {
    g_autofree char *name = get_string (uuid, "basic.unit_name", NULL);
    ZICHA_ASSERT_STR_EQ (name, "某某中学");
  }

  /* Typing into another field starts a new step. */
  {
    g_autoptr(JsonNode) node = string_node ("思明区");

    CU_ASSERT_TRUE (zicha_store_set_value_full (store, uuid, "basic.address", NULL, node,
                                                ZICHA_STORE_SET_COALESCE, &error));
  }
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_autofree char *name = get_string (uuid, "basic.unit_name", NULL);
    g_autofree char *address = get_string (uuid, "basic.address", NULL);

    ZICHA_ASSERT_STR_EQ (name, "某某中学");
    ZICHA_ASSERT_STR_EQ (address, "厦门");
  }
  teardown ();
}

/* Several edits in one undo step: values and a row, undone and redone
 * together; the edit before the step and the one after stay their own. */
static void
test_undo_step_groups_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *row = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);
  CU_ASSERT_TRUE (set_string (uuid, "basic.address", NULL, "厦门", &error));

  CU_ASSERT_TRUE (zicha_store_begin_undo_step (store, uuid, &error));
  CU_ASSERT_TRUE (set_string (uuid, "report_problems.main_problems", NULL, "一是测评逾期。", &error));
  row = zicha_store_add_row (store, uuid, "report_rectification.measures", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (row);
  CU_ASSERT_TRUE (set_string (uuid, "report_rectification.measures[].problem", row, "测评逾期", &error));
  {
    /* Typing inside a step joins the step, not the typing before it. */
    g_autoptr(JsonNode) node = string_node ("委托测评");

    CU_ASSERT_TRUE (zicha_store_set_value_full (store, uuid, "report_rectification.measures[].measure", row,
                                                node, ZICHA_STORE_SET_COALESCE, &error));
  }
  zicha_store_end_undo_step (store);
  CU_ASSERT_TRUE (set_string (uuid, "basic.unit_name", NULL, "某某中学", &error));
  CU_ASSERT_PTR_NULL (error);

  /* The edit after the step is its own step ... */
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_autofree char *problems = get_string (uuid, "report_problems.main_problems", NULL);
    ZICHA_ASSERT_STR_EQ (problems, "一是测评逾期。");
  }
  /* ... the step is one ... */
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_autofree char *problems = get_string (uuid, "report_problems.main_problems", NULL);
    g_autofree char *address = get_string (uuid, "basic.address", NULL);
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "report_rectification.measures", &error);

    ZICHA_ASSERT_STR_EQ (problems, "(none)");
    CU_ASSERT_EQUAL (g_strv_length (rows), 0);
    ZICHA_ASSERT_STR_EQ (address, "厦门");
  }
  /* ... and comes back as one. */
  CU_ASSERT_TRUE (zicha_store_redo (store, uuid, NULL, &error));
  {
    g_autofree char *problems = get_string (uuid, "report_problems.main_problems", NULL);
    g_autofree char *measure = get_string (uuid, "report_rectification.measures[].measure", row);
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "report_rectification.measures", &error);

    ZICHA_ASSERT_STR_EQ (problems, "一是测评逾期。");
    ZICHA_ASSERT_STR_EQ (measure, "委托测评");
    CU_ASSERT_EQUAL (g_strv_length (rows), 1);
  }
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_autofree char *address = get_string (uuid, "basic.address", NULL);
    ZICHA_ASSERT_STR_EQ (address, "(none)");
  }
  CU_ASSERT_PTR_NULL (error);
  teardown ();
}

/* Table rows ------------------------------------------------------------------------ */

static void
test_rows_add_duplicate_remove_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *copy = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  first = zicha_store_add_row (store, uuid, "systems", &error);
  second = zicha_store_add_row (store, uuid, "systems", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);
  CU_ASSERT_TRUE (set_string (uuid, "systems.name", first, "教务管理系统", &error));
  CU_ASSERT_TRUE (set_string (uuid, "systems.level", first, "3", &error));

  /* A value for a row that does not exist is refused. */
  CU_ASSERT_FALSE (set_string (uuid, "systems.name", "no-such-row", "x", &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);

  copy = zicha_store_duplicate_row (store, uuid, first, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (copy);
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "systems", &error);
    g_autofree char *name = get_string (uuid, "systems.name", copy);

    CU_ASSERT_EQUAL_FATAL (g_strv_length (rows), 3);
    ZICHA_ASSERT_STR_EQ (rows[0], first);
    ZICHA_ASSERT_STR_EQ (rows[1], copy);   /* right after the original */
    ZICHA_ASSERT_STR_EQ (rows[2], second);
    ZICHA_ASSERT_STR_EQ (name, "教务管理系统");
  }

  CU_ASSERT_TRUE (zicha_store_remove_row (store, uuid, first, &error));
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "systems", &error);
    g_autofree char *name = get_string (uuid, "systems.name", first);

    CU_ASSERT_EQUAL (g_strv_length (rows), 2);
    ZICHA_ASSERT_STR_EQ (name, "(none)");
  }

  /* Undo brings the row back in its place, with its values. */
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "systems", &error);
    g_autofree char *name = get_string (uuid, "systems.name", first);
    g_autofree char *level = get_string (uuid, "systems.level", first);

    CU_ASSERT_EQUAL_FATAL (g_strv_length (rows), 3);
    ZICHA_ASSERT_STR_EQ (rows[0], first);
    ZICHA_ASSERT_STR_EQ (name, "教务管理系统");
    ZICHA_ASSERT_STR_EQ (level, "3");
  }

  /* Undo the duplicate: the copy and its values go in one step. */
  CU_ASSERT_TRUE (zicha_store_undo (store, uuid, NULL, &error));
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "systems", &error);
    g_autofree char *name = get_string (uuid, "systems.name", copy);

    CU_ASSERT_EQUAL (g_strv_length (rows), 2);
    ZICHA_ASSERT_STR_EQ (name, "(none)");
  }

  /* And redo puts it back. */
  CU_ASSERT_TRUE (zicha_store_redo (store, uuid, NULL, &error));
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, uuid, "systems", &error);
    g_autofree char *name = get_string (uuid, "systems.name", copy);

    CU_ASSERT_EQUAL (g_strv_length (rows), 3);
    ZICHA_ASSERT_STR_EQ (name, "教务管理系统");
  }
  teardown ();
}

/* Finalization and life cycle ------------------------------------------------------- */

static void
test_finalized_report_is_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReport) frozen = NULL;
  g_autoptr(GBytes) evidence = g_bytes_new_static ("scan", 4);
  g_autofree char *row = NULL;
  g_autofree char *value = NULL;
  g_autofree char *attachment = NULL;
  const char *uuid;
  sqlite3 *db;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);
  row = zicha_store_add_row (store, uuid, "systems", &error);
  CU_ASSERT_TRUE (set_string (uuid, "basic.unit_name", NULL, "某某中学", &error));
  attachment = zicha_store_attach_bytes (store, uuid, "duty.policy", NULL, "policy.pdf",
                                         "application/pdf", evidence, &error);
  CU_ASSERT_PTR_NOT_NULL (attachment);

  CU_ASSERT_TRUE (zicha_store_finalize_report (store, uuid, "abc123", &error));
  frozen = zicha_store_get_report (store, uuid, &error);
  CU_ASSERT_EQUAL (zicha_report_get_state (frozen), ZICHA_REPORT_FINALIZED);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_digest (frozen), "abc123");
  CU_ASSERT_PTR_NOT_NULL (zicha_report_get_finalized (frozen));
  CU_ASSERT_FALSE (zicha_report_is_editable (frozen));

  CU_ASSERT_FALSE (set_string (uuid, "basic.unit_name", NULL, "别的学校", &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (zicha_store_add_row (store, uuid, "systems", &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_remove_row (store, uuid, row, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (zicha_store_attach_bytes (store, uuid, "duty.policy", NULL, "x.pdf", NULL, evidence, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_remove_attachment (store, attachment, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_undo (store, uuid, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_delete_report (store, uuid, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_finalize_report (store, uuid, "other", &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);

  /* Even SQL from outside Zicha cannot change it: the database refuses. */
  db = raw_open (db_path);
  CU_ASSERT_NOT_EQUAL (sqlite3_exec (db, "UPDATE answers SET value = '\"x\"'", NULL, NULL, NULL), SQLITE_OK);
  CU_ASSERT_NOT_EQUAL (sqlite3_exec (db, "UPDATE reports SET unit_name = 'x'", NULL, NULL, NULL), SQLITE_OK);
  CU_ASSERT_NOT_EQUAL (sqlite3_exec (db, "UPDATE reports SET state = 'draft'", NULL, NULL, NULL), SQLITE_OK);
  CU_ASSERT_NOT_EQUAL (sqlite3_exec (db, "DELETE FROM attachments", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  value = get_string (uuid, "basic.unit_name", NULL);
  ZICHA_ASSERT_STR_EQ (value, "某某中学");
  teardown ();
}

static void
test_state_moves_forward_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReport) after = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  CU_ASSERT_FALSE (zicha_store_advance_state (store, uuid, ZICHA_REPORT_SUBMITTED, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);

  CU_ASSERT_TRUE (zicha_store_finalize_report (store, uuid, "d1", &error));
  CU_ASSERT_TRUE (zicha_store_advance_state (store, uuid, ZICHA_REPORT_SUBMITTED, &error));
  CU_ASSERT_FALSE (zicha_store_advance_state (store, uuid, ZICHA_REPORT_SUBMITTED, &error));
  g_clear_error (&error);
  CU_ASSERT_TRUE (zicha_store_advance_state (store, uuid, ZICHA_REPORT_ACKNOWLEDGED, &error));
  CU_ASSERT_FALSE (zicha_store_advance_state (store, uuid, ZICHA_REPORT_SUBMITTED, &error));
  g_clear_error (&error);

  after = zicha_store_get_report (store, uuid, &error);
  CU_ASSERT_EQUAL (zicha_report_get_state (after), ZICHA_REPORT_ACKNOWLEDGED);
  teardown ();
}

static void
test_new_revision (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReport) revision = NULL;
  g_autoptr(ZichaReport) refused = NULL;
  g_autofree char *row = NULL;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);
  row = zicha_store_add_row (store, uuid, "systems", &error);
  CU_ASSERT_TRUE (set_string (uuid, "systems.name", row, "门户网站", &error));

  refused = zicha_store_new_revision (store, uuid, &error);
  CU_ASSERT_PTR_NULL (refused);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);

  CU_ASSERT_TRUE (zicha_store_finalize_report (store, uuid, "d1", &error));
  revision = zicha_store_new_revision (store, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (revision);
  CU_ASSERT_EQUAL (zicha_report_get_revision (revision), 2);
  CU_ASSERT_EQUAL (zicha_report_get_year (revision), 2019);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_based_on_uuid (revision), uuid);
  CU_ASSERT_TRUE (zicha_report_is_editable (revision));
  {
    g_autofree char *name = get_string (zicha_report_get_uuid (revision), "systems.name", row);
    ZICHA_ASSERT_STR_EQ (name, "门户网站");
  }
  CU_ASSERT_TRUE (set_string (zicha_report_get_uuid (revision), "systems.name", row, "新门户", &error));
  teardown ();
}

typedef struct
{
  guint     count;
  guint     flagged;
  GString  *flagged_paths;
} AnswerTally;

static void
tally_answer_cb (const char *field_path,
                 const char *row_uuid,
                 JsonNode   *value,
                 gboolean    needs_review,
                 gpointer    user_data)
{
  AnswerTally *tally = user_data;

  tally->count++;
  if (needs_review)
    {
      tally->flagged++;
      g_string_append_printf (tally->flagged_paths, "%s;", field_path);
    }
}

static void
test_copy_from_last_year (void)
{
  static const char * const review[] = { "basic.fill_date", "basic.systems_total", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) last_year = NULL;
  g_autoptr(ZichaReport) this_year = NULL;
  g_autoptr(GBytes) evidence = g_bytes_new_static ("evidence", 8);
  g_autoptr(GPtrArray) old_files = NULL;
  g_autoptr(GPtrArray) new_files = NULL;
  g_autoptr(JsonNode) total = int_node (5);
  g_autofree char *row = NULL;
  g_autofree char *attachment = NULL;
  AnswerTally tally = { 0, 0, g_string_new (NULL) };
  const char *old_uuid, *new_uuid;

  setup ();
  last_year = new_report ();
  old_uuid = zicha_report_get_uuid (last_year);
  row = zicha_store_add_row (store, old_uuid, "systems", &error);
  CU_ASSERT_TRUE (set_string (old_uuid, "basic.unit_name", NULL, "某某中学", &error));
  CU_ASSERT_TRUE (set_string (old_uuid, "basic.fill_date", NULL, "2019-06-30", &error));
  CU_ASSERT_TRUE (zicha_store_set_value (store, old_uuid, "basic.systems_total", NULL, total, &error));
  CU_ASSERT_TRUE (set_string (old_uuid, "systems.name", row, "教务系统", &error));
  attachment = zicha_store_attach_bytes (store, old_uuid, "duty.policy", NULL, "制度.pdf",
                                         "application/pdf", evidence, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (attachment);

  this_year = zicha_store_copy_report (store, old_uuid, 2020, review, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (this_year);
  new_uuid = zicha_report_get_uuid (this_year);
  CU_ASSERT_EQUAL (zicha_report_get_year (this_year), 2020);
  CU_ASSERT_EQUAL (zicha_report_get_revision (this_year), 1);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_based_on_uuid (this_year), old_uuid);

  CU_ASSERT_TRUE (zicha_store_foreach_answer (store, new_uuid, tally_answer_cb, &tally, &error));
  CU_ASSERT_EQUAL (tally.count, 4);
  CU_ASSERT_EQUAL (tally.flagged, 2);
  ZICHA_ASSERT_STR_EQ (tally.flagged_paths->str, "basic.fill_date;basic.systems_total;");

  /* Rows keep their identity across years. */
  {
    g_auto(GStrv) rows = zicha_store_list_rows (store, new_uuid, "systems", &error);
    CU_ASSERT_EQUAL_FATAL (g_strv_length (rows), 1);
    ZICHA_ASSERT_STR_EQ (rows[0], row);
  }

  old_files = zicha_store_list_attachments (store, old_uuid, &error);
  new_files = zicha_store_list_attachments (store, new_uuid, &error);
  CU_ASSERT_EQUAL_FATAL (new_files->len, 1);
  ZICHA_ASSERT_STR_EQ (((ZichaAttachment *) new_files->pdata[0])->sha256,
                       ((ZichaAttachment *) old_files->pdata[0])->sha256);
  CU_ASSERT_STRING_NOT_EQUAL (((ZichaAttachment *) new_files->pdata[0])->uuid, attachment);

  /* Confirming the carried-over value clears its flag. */
  CU_ASSERT_TRUE (set_string (new_uuid, "basic.fill_date", NULL, "2019-06-30", &error));
  tally.count = tally.flagged = 0;
  g_string_truncate (tally.flagged_paths, 0);
  CU_ASSERT_TRUE (zicha_store_foreach_answer (store, new_uuid, tally_answer_cb, &tally, &error));
  CU_ASSERT_EQUAL (tally.flagged, 1);

  /* The old report is untouched. */
  {
    g_autofree char *date = get_string (old_uuid, "basic.fill_date", NULL);
    ZICHA_ASSERT_STR_EQ (date, "2019-06-30");
  }

  g_string_free (tally.flagged_paths, TRUE);
  teardown ();
}

/* Attachments -------------------------------------------------------------------------- */

static void
test_attachments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GBytes) contents = g_bytes_new_static ("abc", 3);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GBytes) read_back = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from_file = NULL;
  g_autoptr(GFile) file = NULL;
  ZichaAttachment *first;
  const char *uuid;

  setup ();
  report = new_report ();
  uuid = zicha_report_get_uuid (report);

  id = zicha_store_attach_bytes (store, uuid, "duty.policy", NULL, "abc.txt", "text/plain", contents, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (id);

  path = g_build_filename (tmpdir, "责任书.txt", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (path, "网络安全责任书", -1, NULL));
  file = g_file_new_for_path (path);
  from_file = zicha_store_attach_file (store, uuid, "duty.letter", NULL, file, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (from_file);

  files = zicha_store_list_attachments (store, uuid, &error);
  CU_ASSERT_EQUAL_FATAL (files->len, 2);
  first = files->pdata[1];   /* ordered by field path: duty.letter, duty.policy */
  ZICHA_ASSERT_STR_EQ (first->file_name, "abc.txt");
  CU_ASSERT_EQUAL (first->size, 3);
  /* SHA-256("abc"), the FIPS 180-2 test vector. */
  ZICHA_ASSERT_STR_EQ (first->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  ZICHA_ASSERT_STR_EQ (((ZichaAttachment *) files->pdata[0])->file_name, "责任书.txt");
  ZICHA_ASSERT_STR_EQ (((ZichaAttachment *) files->pdata[0])->media_type, "text/plain");

  read_back = zicha_store_read_attachment (store, id, &error);
  CU_ASSERT_TRUE (g_bytes_equal (read_back, contents));

  CU_ASSERT_TRUE (zicha_store_remove_attachment (store, id, &error));
  CU_ASSERT_FALSE (zicha_store_remove_attachment (store, id, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND));
  teardown ();
}

static void
test_attachment_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GFile) file = NULL;
  FILE *f;

  setup ();
  report = new_report ();
  path = g_build_filename (tmpdir, "huge.iso", NULL);
  f = fopen (path, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL (f);
  /* A sparse file: big on paper, nothing on disk. */
  CU_ASSERT_EQUAL (fseek (f, ZICHA_STORE_MAX_ATTACHMENT_SIZE, SEEK_SET), 0);
  fputc ('x', f);
  fclose (f);

  file = g_file_new_for_path (path);
  id = zicha_store_attach_file (store, zicha_report_get_uuid (report), "a.b", NULL, file, &error);
  CU_ASSERT_PTR_NULL (id);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_LARGE));
  teardown ();
}

/* Damage ------------------------------------------------------------------------------------ */

static GBytes *
read_file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
assert_refused_and_unchanged (const char *path,
                              int         expected_code)
{
  g_autoptr(GBytes) before = read_file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaStore) opened = zicha_store_open (path, &error);

  CU_ASSERT_PTR_NULL (opened);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, expected_code));
  if (error != NULL && !g_error_matches (error, ZICHA_STORE_ERROR, expected_code))
    g_printerr ("unexpected error: %s\n", error->message);

  after = read_file_bytes (path);
  CU_ASSERT_TRUE (g_bytes_equal (before, after));
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = zicha_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "zicha.db", NULL);

  CU_ASSERT_TRUE (g_file_set_contents (path, "这不是数据库，是一份自查报告草稿。\n", -1, NULL));
  assert_refused_and_unchanged (path, ZICHA_STORE_ERROR_NOT_A_DATABASE);
  zicha_test_rmdir (dir);
}

static void
test_corrupt_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GBytes) garbage = NULL;
  g_autofree char *uuid = NULL;
  FILE *f;
  char junk[4096];

  setup ();
  report = new_report ();
  uuid = g_strdup (zicha_report_get_uuid (report));
  for (int i = 0; i < 300; i++)
    {
      g_autofree char *path = g_strdup_printf ("narrative.item%03d", i);
      g_autofree char *text = g_strnfill (200, 'a' + i % 26);

      CU_ASSERT_TRUE_FATAL (set_string (uuid, path, NULL, text, &error));
    }
  g_clear_object (&store);  /* closing checkpoints the WAL into the file */

  /* Scribble over a page in the middle of the file. */
  memset (junk, 0xA5, sizeof junk);
  f = fopen (db_path, "r+b");
  CU_ASSERT_PTR_NOT_NULL_FATAL (f);
  CU_ASSERT_EQUAL (fseek (f, 4096 * 6, SEEK_SET), 0);
  CU_ASSERT_EQUAL (fwrite (junk, 1, sizeof junk, f), sizeof junk);
  fclose (f);

  assert_refused_and_unchanged (db_path, ZICHA_STORE_ERROR_CORRUPT);
  teardown ();
}

static void
test_database_from_newer_version (void)
{
  sqlite3 *db;

  setup ();
  g_clear_object (&store);
  db = raw_open (db_path);
  CU_ASSERT_EQUAL (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  assert_refused_and_unchanged (db_path, ZICHA_STORE_ERROR_TOO_NEW);
  teardown ();
}

static void
test_locked_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaStore) second = NULL;
  sqlite3 *other;

  setup ();
  g_clear_object (&store);

  /* Another program holds the database exclusively. */
  other = raw_open (db_path);
  CU_ASSERT_EQUAL (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                        " CREATE TABLE held (x); ", NULL, NULL, NULL), SQLITE_OK);

  second = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NULL (second);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_LOCKED));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  /* Once released, it opens. */
  g_clear_error (&error);
  store = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL (store);
  teardown ();
}

static void
test_quarantine_and_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) backups = NULL;

  setup ();
  report = new_report ();
  uuid = g_strdup (zicha_report_get_uuid (report));
  CU_ASSERT_TRUE (set_string (uuid, "basic.unit_name", NULL, "某某中学", &error));
  g_clear_object (&store);

  /* Reopening makes a backup of the file as it was. */
  store = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  g_clear_object (&store);
  backups = zicha_store_list_backups (db_path);
  CU_ASSERT_TRUE_FATAL (g_strv_length (backups) >= 1);

  CU_ASSERT_TRUE (g_file_set_contents (db_path, "garbage that replaced the database", -1, NULL));
  aside = zicha_store_quarantine (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (aside);
  CU_ASSERT_TRUE (g_str_has_prefix (aside, db_path));
  CU_ASSERT_FALSE (g_file_test (db_path, G_FILE_TEST_EXISTS));
  CU_ASSERT_TRUE (g_file_test (aside, G_FILE_TEST_EXISTS));

  CU_ASSERT_TRUE (zicha_store_restore_backup (backups[0], db_path, &error));
  CU_ASSERT_PTR_NULL (error);
  /* Restoring over an existing file is refused. */
  CU_ASSERT_FALSE (zicha_store_restore_backup (backups[0], db_path, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);

  store = zicha_store_open (db_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  value = get_string (uuid, "basic.unit_name", NULL);
  ZICHA_ASSERT_STR_EQ (value, "某某中学");
  teardown ();
}

static void
test_backups_rotate (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;

  setup ();
  for (int i = 0; i < ZICHA_STORE_BACKUPS_KEPT + 3; i++)
    {
      g_autofree char *path = zicha_store_backup (store, &error);

      CU_ASSERT_PTR_NOT_NULL_FATAL (path);
      CU_ASSERT_FALSE (g_str_has_suffix (path, ".partial"));
    }

  backups = zicha_store_list_backups (db_path);
  CU_ASSERT_EQUAL (g_strv_length (backups), ZICHA_STORE_BACKUPS_KEPT);
  /* Newest first. */
  CU_ASSERT_TRUE (g_strcmp0 (backups[0], backups[1]) > 0);
  teardown ();
}

static void
test_finalize_makes_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  setup ();
  report = new_report ();
  before = zicha_store_list_backups (db_path);
  CU_ASSERT_TRUE (zicha_store_finalize_report (store, zicha_report_get_uuid (report), "d", &error));
  after = zicha_store_list_backups (db_path);
  CU_ASSERT_EQUAL (g_strv_length (after), g_strv_length (before) + 1);
  teardown ();
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/store/open/wal-and-schema", test_open_sets_wal_and_schema },
    { "/store/open/migrate-from-0", test_migrate_from_version_0 },
    { "/store/open/reopen-keeps-everything", test_reopen_keeps_everything },
    { "/store/report/create", test_create_report },
    { "/store/report/unknown", test_unknown_report },
    { "/store/report/delete-draft", test_delete_draft },
    { "/store/answers/set-get-clear", test_set_get_clear_value },
    { "/store/log/who-old-new", test_change_log_records_who_old_new },
    { "/store/log/append-only", test_change_log_is_append_only },
    { "/store/history/undo-redo", test_undo_redo_values },
    { "/store/history/edit-clears-redo", test_new_edit_clears_redo },
    { "/store/history/survives-restart", test_undo_survives_restart },
    { "/store/history/typing-coalesces", test_typing_coalesces_into_one_undo_step },
    { "/store/history/undo-step", test_undo_step_groups_edits },
    { "/store/rows/add-duplicate-remove-undo", test_rows_add_duplicate_remove_undo },
    { "/store/lifecycle/finalized-read-only", test_finalized_report_is_read_only },
    { "/store/lifecycle/state-forward-only", test_state_moves_forward_only },
    { "/store/lifecycle/new-revision", test_new_revision },
    { "/store/lifecycle/copy-from-last-year", test_copy_from_last_year },
    { "/store/attachments/add-list-read-remove", test_attachments },
    { "/store/attachments/too-large", test_attachment_too_large },
    { "/store/damage/not-a-database", test_not_a_database },
    { "/store/damage/corrupt", test_corrupt_database },
    { "/store/damage/newer-version", test_database_from_newer_version },
    { "/store/damage/locked", test_locked_database },
    { "/store/damage/quarantine-and-restore", test_quarantine_and_restore },
    { "/store/backup/rotate", test_backups_rotate },
    { "/store/backup/after-finalize", test_finalize_makes_backup },
    { NULL, NULL }
  };

  return zicha_test_run ("store", NULL, NULL, cases);
}
