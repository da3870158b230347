/* test-cli-store.c — zicha-cli on a database: demo, list, new, copy, set,
 * answers, attach, finalize, as a user would run them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case gets its own database in a temporary directory (--db).
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "zicha-answers.h"
#include "zicha-cli-test.h"
#include "zicha-demo.h"
#include "zicha-form.h"
#include "zicha-test.h"

#define DEMO_UNIT "厦门市鹭屿实验中学"
#define DEMO_USCC "123502004263091794"

static char *tmpdir;
static char *db_path;
static guint db_counter;

static int
suite_init (void)
{
  tmpdir = zicha_test_make_tmpdir ();
  return 0;
}

static int
suite_cleanup (void)
{
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
  return 0;
}

/* A fresh, empty database for the case that calls it. */
static void
use_new_database (void)
{
  g_free (db_path);
  db_path = g_strdup_printf ("%s/zicha-%u.db", tmpdir, ++db_counter);
}

/* zicha-cli --db DB_PATH ARGS… */
G_GNUC_NULL_TERMINATED static ZichaCliResult *
run (const char *first_arg,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db_path);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return zicha_cli_run ((const char * const *) args->pdata);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* The first line of @text, without its newline. */
static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

/* Runs demo and returns the new report's UUID. */
static char *
make_demo (void)
{
  g_autoptr(ZichaCliResult) r = run ("demo", NULL);
  char *uuid;

  if (r->exit_status != 0)
    g_printerr ("demo: %s", r->err);
  CU_ASSERT_EQUAL_FATAL (r->exit_status, 0);
  CU_ASSERT_EQUAL (count_lines (r->out), 1);
  uuid = first_line (r->out);
  CU_ASSERT_TRUE_FATAL (g_uuid_string_is_valid (uuid));
  return uuid;
}

static ZichaForm *
load_form (void)
{
  g_autofree char *path = zicha_form_default_path ();
  g_autoptr(GError) error = NULL;
  ZichaForm *form;

  CU_ASSERT_PTR_NOT_NULL_FATAL (path);
  form = zicha_form_new_from_file (path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (form);
  return form;
}

/* The answers JSON with every row id replaced by its position, so that
 * answers with other row UUIDs compare equal. */
static JsonNode *
without_row_ids (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);
  JsonObject *sections;
  g_autoptr(GList) section_names = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (root);
  sections = json_object_get_object_member (json_node_get_object (root), "answers");
  section_names = json_object_get_members (sections);

  for (GList *s = section_names; s != NULL; s = s->next)
    {
      JsonObject *items = json_object_get_object_member (sections, s->data);
      g_autoptr(GList) item_names = json_object_get_members (items);

      for (GList *i = item_names; i != NULL; i = i->next)
        {
          JsonNode *value = json_object_get_member (items, i->data);
          JsonArray *rows;

          if (!JSON_NODE_HOLDS_ARRAY (value))
            continue;
          rows = json_node_get_array (value);
          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonNode *row = json_array_get_element (rows, r);
              g_autofree char *position = NULL;

              /* Multiple choices are arrays of strings, rows are objects. */
              if (!JSON_NODE_HOLDS_OBJECT (row))
                break;
              position = g_strdup_printf ("row-%u", r);
              json_object_set_string_member (json_node_get_object (row), "id", position);
            }
        }
    }

  return root;
}

static char *
get_answers_json (const char *report)
{
  g_autoptr(ZichaCliResult) r = run ("answers", report, "--json", NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->err, "");
  CU_ASSERT_TRUE (g_str_has_suffix (r->out, "\n"));
  return g_strchomp (g_strdup (r->out));
}

static JsonObject *
find_report_json (JsonNode   *list,
                  const char *uuid)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *report = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (report, "uuid"), uuid) == 0)
        return report;
    }

  return NULL;
}

static JsonNode *
list_json (void)
{
  g_autoptr(ZichaCliResult) r = run ("list", "--json", NULL);
  JsonNode *list;

  CU_ASSERT_EQUAL (r->exit_status, 0);
  list = json_from_string (r->out, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (list);
  CU_ASSERT_TRUE_FATAL (JSON_NODE_HOLDS_ARRAY (list));
  return list;
}

static void
test_empty_list (void)
{
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(ZichaCliResult) json = NULL;

  use_new_database ();
  r = run ("list", NULL);
  json = run ("list", "--json", NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "zicha-cli demo"));
  CU_ASSERT_EQUAL (json->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (g_strstrip (json->out), "[]");
}

static void
test_demo_list (void)
{
  g_autofree char *uuid = NULL;
  g_autofree char *second = NULL;
  g_autofree char *short_id = NULL;
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *report;

  use_new_database ();
  uuid = make_demo ();
  short_id = g_strndup (uuid, 8);

  r = run ("list", NULL);
  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->err, "");
  CU_ASSERT_EQUAL (count_lines (r->out), 2);  /* heading + one report */
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, short_id));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, DEMO_UNIT));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "2019"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "Draft"));

  list = list_json ();
  CU_ASSERT_EQUAL (json_array_get_length (json_node_get_array (list)), 1);
  report = find_report_json (list, uuid);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "unit_name"), DEMO_UNIT);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "unit_code"), DEMO_USCC);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "state"), "draft");
  CU_ASSERT_EQUAL (json_object_get_int_member (report, "year"), 2019);
  CU_ASSERT_EQUAL (json_object_get_int_member (report, "revision"), 1);

  /* Running it again makes a second, independent demo report. */
  second = make_demo ();
  CU_ASSERT_STRING_NOT_EQUAL (second, uuid);
  g_clear_pointer (&list, json_node_unref);
  list = list_json ();
  CU_ASSERT_EQUAL (json_array_get_length (json_node_get_array (list)), 2);
}

/* The stored demo is the demo file: same values, same rows in the same
 * order; only the row UUIDs are new. */
static void
test_demo_answers_json (void)
{
  g_autoptr(ZichaForm) form = load_form ();
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *demo_path = zicha_demo_default_path ();
  g_autofree char *demo_text = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaAnswers) demo = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GError) error = NULL;

  use_new_database ();
  uuid = make_demo ();
  text = get_answers_json (uuid);

  /* Valid answers of the form, and already canonical. */
  answers = zicha_answers_new_from_string (form, text, -1, &error);
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  canonical = zicha_answers_to_string (answers);
  ZICHA_ASSERT_STR_EQ (text, canonical);

  CU_ASSERT_PTR_NOT_NULL_FATAL (demo_path);
  demo = zicha_answers_new_from_file (form, demo_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (demo);
  demo_text = zicha_answers_to_string (demo);
  CU_ASSERT_EQUAL (zicha_answers_get_n_values (answers), zicha_answers_get_n_values (demo));

  stored = without_row_ids (text);
  expected = without_row_ids (demo_text);
  CU_ASSERT_TRUE (json_node_equal (stored, expected));
}

static void
test_answers_readable (void)
{
  g_autofree char *uuid = NULL;
  g_autoptr(ZichaCliResult) r = NULL;

  use_new_database ();
  uuid = make_demo ();
  r = run ("answers", uuid, NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->err, "");
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "Unit name: " DEMO_UNIT "\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "智慧校园综合管理平台"));
  /* Choices by their label, tables row by row. */
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "Protection level: Level 3"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, "Information systems: 4 rows"));
  CU_ASSERT_TRUE (count_lines (r->out) > 300);
}

static void
test_set_and_read_back (void)
{
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *row = NULL;
  g_autofree char *row_prefix = NULL;
  g_autofree char *with_row = NULL;
  g_autofree char *level_path = NULL;
  g_autoptr(ZichaCliResult) set = NULL;
  g_autoptr(ZichaCliResult) clear = NULL;
  g_autoptr(ZichaCliResult) add = NULL;
  g_autoptr(ZichaCliResult) level = NULL;
  g_autoptr(ZichaCliResult) count = NULL;
  g_autoptr(ZichaCliResult) choice = NULL;

  use_new_database ();
  uuid = make_demo ();

  set = run ("set", uuid, "basic.address", "福建省厦门市思明区鹭屿路100号", NULL);
  CU_ASSERT_EQUAL (set->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (set->out, "");
  ZICHA_ASSERT_STR_EQ (set->err, "");
  text = get_answers_json (uuid);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"address\":\"福建省厦门市思明区鹭屿路100号\""));

  /* An integer item stores a number. */
  count = run ("set", uuid, "responsibility.fulltime_staff", "3", NULL);
  CU_ASSERT_EQUAL (count->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (count->err, "");

  /* A multiple choice takes values or labels, separated by commas. */
  choice = run ("set", uuid, "management.asset_ledgers", "websites, Information systems", NULL);
  CU_ASSERT_EQUAL (choice->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (choice->err, "");

  /* Empty clears. */
  clear = run ("set", uuid, "responsibility.notes", "", NULL);
  CU_ASSERT_EQUAL (clear->exit_status, 0);

  cleared = get_answers_json (uuid);
  CU_ASSERT_PTR_NOT_NULL (strstr (cleared, "\"fulltime_staff\":3,"));
  CU_ASSERT_PTR_NOT_NULL (strstr (cleared, "\"asset_ledgers\":[\"websites\",\"systems\"]"));
  CU_ASSERT_PTR_NULL (strstr (cleared, "签订网络安全责任书12份"));

  /* [new] adds a row and prints its UUID; a prefix names it after. */
  add = run ("set", uuid, "system_list.systems[new].name", "一卡通系统", NULL);
  CU_ASSERT_EQUAL (add->exit_status, 0);
  row = first_line (add->out);
  CU_ASSERT_TRUE_FATAL (g_uuid_string_is_valid (row));
  row_prefix = g_strndup (row, 8);
  level_path = g_strdup_printf ("system_list.systems[%s].level", row_prefix);
  level = run ("set", uuid, level_path, "l2", NULL);
  CU_ASSERT_EQUAL (level->exit_status, 0);

  with_row = get_answers_json (uuid);
  CU_ASSERT_PTR_NOT_NULL (strstr (with_row, row));
  CU_ASSERT_PTR_NOT_NULL (strstr (with_row, "\"level\":\"l2\",\"name\":\"一卡通系统\""));
}

/* What is typed is kept, even when it is wrong; validation says why. */
static void
test_set_invalid_value (void)
{
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ZichaCliResult) r = NULL;

  use_new_database ();
  uuid = make_demo ();
  r = run ("set", uuid, "basic.uscc", "123502004263091795", NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->out, "");
  CU_ASSERT_EQUAL (count_lines (r->err), 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "warning"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "basic.uscc"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "position 18"));

  text = get_answers_json (uuid);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"uscc\":\"123502004263091795\""));
}

static void
test_finalize (void)
{
  g_autofree char *uuid = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(ZichaCliResult) set = NULL;
  g_autoptr(ZichaCliResult) again = NULL;
  g_autoptr(ZichaCliResult) attach = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *file = g_build_filename (tmpdir, "late.txt", NULL);
  JsonObject *report;

  use_new_database ();
  uuid = make_demo ();
  r = run ("finalize", uuid, NULL);

  if (r->exit_status != 0)
    g_printerr ("finalize: %s", r->err);
  CU_ASSERT_EQUAL_FATAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->err, "");
  digest = first_line (r->out);
  CU_ASSERT_EQUAL (strlen (digest), 64);

  list = list_json ();
  report = find_report_json (list, uuid);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "state"), "finalized");
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "digest"), digest);

  /* Frozen: every write is refused with the store's message. */
  set = run ("set", uuid, "basic.address", "x", NULL);
  CU_ASSERT_EQUAL (set->exit_status, 1);
  CU_ASSERT_EQUAL (count_lines (set->err), 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (set->err, "finalized"));

  CU_ASSERT_TRUE (g_file_set_contents (file, "late", -1, NULL));
  attach = run ("attach", uuid, "basic.uscc", file, NULL);
  CU_ASSERT_EQUAL (attach->exit_status, 1);
  CU_ASSERT_EQUAL (count_lines (attach->err), 1);

  again = run ("finalize", uuid, NULL);
  CU_ASSERT_EQUAL (again->exit_status, 1);
  CU_ASSERT_EQUAL (count_lines (again->err), 1);
}

static void
test_finalize_with_errors (void)
{
  g_autofree char *uuid = NULL;
  g_autoptr(ZichaCliResult) created = NULL;
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *report;

  use_new_database ();
  created = run ("new", "--unit", "测试学校", NULL);
  CU_ASSERT_EQUAL_FATAL (created->exit_status, 0);
  uuid = first_line (created->out);

  r = run ("finalize", uuid, NULL);
  CU_ASSERT_EQUAL (r->exit_status, 1);
  ZICHA_ASSERT_STR_EQ (r->out, "");
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "errors"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "  basic.uscc: "));
  /* A blank report has well over 50 errors: the list is cut. */
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "… and "));
  CU_ASSERT_EQUAL (count_lines (r->err), 1 + 50 + 1);

  list = list_json ();
  report = find_report_json (list, uuid);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "state"), "draft");
}

static void
test_new (void)
{
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(ZichaCliResult) bad_code = NULL;
  g_autoptr(ZichaCliResult) no_unit = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  JsonObject *report;

  use_new_database ();
  r = run ("new", "--unit", "厦门市示例小学", "--code", "12350200426309179 4", "--year", "2020", NULL);
  CU_ASSERT_EQUAL_FATAL (r->exit_status, 0);
  CU_ASSERT_EQUAL (count_lines (r->out), 1);
  uuid = first_line (r->out);
  CU_ASSERT_TRUE (g_uuid_string_is_valid (uuid));

  list = list_json ();
  report = find_report_json (list, uuid);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  CU_ASSERT_EQUAL (json_object_get_int_member (report, "year"), 2020);
  /* Stored normalized. */
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "unit_code"), DEMO_USCC);

  /* The form's own unit fields are filled in. */
  text = get_answers_json (uuid);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"basic\":{\"unit_name\":\"厦门市示例小学\",\"uscc\":\"" DEMO_USCC "\"}"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\"header\":{\"unit_name\":\"厦门市示例小学\"}"));

  bad_code = run ("new", "--unit", "厦门市示例小学", "--code", "123502004263091795", NULL);
  CU_ASSERT_EQUAL (bad_code->exit_status, 1);
  ZICHA_ASSERT_STR_EQ (bad_code->out, "");
  CU_ASSERT_EQUAL (count_lines (bad_code->err), 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (bad_code->err, "position 18"));

  no_unit = run ("new", NULL);
  CU_ASSERT_EQUAL (no_unit->exit_status, 2);
  CU_ASSERT_EQUAL (count_lines (no_unit->err), 1);

  /* Nothing was created by the refused calls. */
  g_clear_pointer (&list, json_node_unref);
  list = list_json ();
  CU_ASSERT_EQUAL (json_array_get_length (json_node_get_array (list)), 1);
}

static void
test_copy (void)
{
  g_autofree char *uuid = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 flagged = 0;
  JsonObject *report;

  use_new_database ();
  uuid = make_demo ();
  r = run ("copy", uuid, NULL);

  CU_ASSERT_EQUAL_FATAL (r->exit_status, 0);
  lines = g_strsplit (r->out, "\n", -1);
  CU_ASSERT_FATAL (g_strv_length (lines) >= 2);
  copy = g_strdup (lines[0]);
  CU_ASSERT_TRUE (g_uuid_string_is_valid (copy));
  CU_ASSERT_STRING_NOT_EQUAL (copy, uuid);
  flagged = g_ascii_strtoull (lines[1], NULL, 10);
  CU_ASSERT_TRUE (flagged > 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (lines[1], "flagged for review"));

  list = list_json ();
  report = find_report_json (list, copy);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  CU_ASSERT_EQUAL (json_object_get_int_member (report, "year"), 2020);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "state"), "draft");
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (report, "based_on"), uuid);
}

static void
test_attach (void)
{
  static const char contents[] = "等级测评报告（示例）\n";
  g_autofree char *uuid = NULL;
  g_autofree char *file = g_build_filename (tmpdir, "evidence.txt", NULL);
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                                         strlen (contents));
  g_autofree char *size = g_strdup_printf ("%zu bytes", strlen (contents));
  g_autofree char *attachment = NULL;
  g_autofree char *row_field = NULL;
  g_autoptr(ZichaCliResult) r = NULL;
  g_autoptr(ZichaCliResult) on_row = NULL;
  g_autoptr(ZichaCliResult) missing = NULL;
  g_autoptr(ZichaCliResult) answers = NULL;
  g_autoptr(JsonNode) json = NULL;
  const char *row;

  use_new_database ();
  uuid = make_demo ();
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (file, contents, -1, NULL));

  r = run ("attach", uuid, "work.assessment", file, NULL);
  CU_ASSERT_EQUAL_FATAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->err, "");
  attachment = first_line (r->out);
  CU_ASSERT_TRUE (g_uuid_string_is_valid (attachment));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, sha256));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->out, size));

  /* A cell of a row, named by a row prefix. */
  answers = run ("answers", uuid, "--json", NULL);
  json = json_from_string (answers->out, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (json);
  row = json_object_get_string_member (
          json_array_get_object_element (
            json_object_get_array_member (
              json_object_get_object_member (
                json_object_get_object_member (json_node_get_object (json), "answers"), "system_list"),
              "systems"),
            0),
          "id");
  row_field = g_strdup_printf ("system_list.systems[%.6s].last_assessment", row);
  on_row = run ("attach", uuid, row_field, file, NULL);
  CU_ASSERT_EQUAL (on_row->exit_status, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (on_row->out, sha256));

  missing = run ("attach", uuid, "work.assessment", "/nonexistent/file.pdf", NULL);
  CU_ASSERT_EQUAL (missing->exit_status, 2);
  CU_ASSERT_EQUAL (count_lines (missing->err), 1);
}

/* Bad input: exit status 2 and one line that says what is wrong. */
static void
test_bad_input (void)
{
  g_autofree char *uuid = NULL;
  struct
  {
    const char *args[6];
    const char *says;
  } cases[] = {
    { { "set", "ffffffff", "basic.address", "x", NULL }, "no report" },
    { { "set", "ff", "basic.address", "x", NULL }, "too short" },
    { { "answers", "ffffffff", NULL }, "no report" },
    { { "finalize", "ffffffff", NULL }, "no report" },
    { { "copy", "ffffffff", NULL }, "no report" },
    { { "set", "UUID", "basci.address", "x", NULL }, "“basic”" },
    { { "set", "UUID", "basic.adress", "x", NULL }, "“address”" },
    { { "set", "UUID", "system_list.systems[new].nmae", "x", NULL }, "“name”" },
    { { "set", "UUID", "system_list.systems[0000].name", "x", NULL }, "no row" },
    { { "set", "UUID", "system_list.systems", "x", NULL }, "is a table" },
    { { "set", "UUID", "basic.address", NULL }, "usage" },
    { { "set", NULL }, "usage" },
    { { "answers", NULL }, "usage" },
    { { "attach", "UUID", "basic.uscc", NULL }, "usage" },
    { { "finalize", NULL }, "usage" },
    { { "list", "extra", NULL }, "usage" },
    { { "new", "--unit", "x", "--year", "19", NULL }, "19" },
    { { "demo", "--no-such-option", NULL }, "no-such-option" },
  };

  use_new_database ();
  uuid = make_demo ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(ZichaCliResult) r = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, db_path);
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) (g_str_equal (cases[i].args[a], "UUID") ? uuid : cases[i].args[a]));
      g_ptr_array_add (args, NULL);

      r = zicha_cli_run ((const char * const *) args->pdata);
      if (r->exit_status != 2 || count_lines (r->err) != 1 || strstr (r->err, cases[i].says) == NULL)
        g_printerr ("case %u (%s %s): exit %d, stderr: %s", i, cases[i].args[0],
                    cases[i].args[1] != NULL ? cases[i].args[1] : "", r->exit_status, r->err);
      CU_ASSERT_EQUAL (r->exit_status, 2);
      ZICHA_ASSERT_STR_EQ (r->out, "");
      CU_ASSERT_EQUAL (count_lines (r->err), 1);
      CU_ASSERT_PTR_NOT_NULL (strstr (r->err, cases[i].says));
    }
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/cli-store/empty-list", test_empty_list },
    { "/cli-store/demo-list", test_demo_list },
    { "/cli-store/demo-answers-json", test_demo_answers_json },
    { "/cli-store/answers-readable", test_answers_readable },
    { "/cli-store/set", test_set_and_read_back },
    { "/cli-store/set-invalid-value", test_set_invalid_value },
    { "/cli-store/finalize", test_finalize },
    { "/cli-store/finalize-with-errors", test_finalize_with_errors },
    { "/cli-store/new", test_new },
    { "/cli-store/copy", test_copy },
    { "/cli-store/attach", test_attach },
    { "/cli-store/bad-input", test_bad_input },
    { NULL, NULL }
  };

  return zicha_test_run ("cli-store", suite_init, suite_cleanup, cases);
}
